import { Group, Kbd, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { PaletteEntry, PalettePage } from '../entries';
import { usePaletteEntries } from '../usePaletteEntries';
import { t, tRich } from '../../../shared/i18n';

function EntryLine({ entry, active, onPick }: { entry: PaletteEntry; active: boolean; onPick: () => void }) {
  return (
    <UnstyledButton
      id={`palette-${entry.id}`}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      onClick={onPick}
      px="sm"
      py={6}
      style={{ borderRadius: 6, background: active ? 'var(--mantine-color-indigo-light)' : undefined, display: 'block', width: '100%' }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={active ? 600 : 400} truncate>
          {entry.label}
          {entry.hint && (
            <Text span size="xs" c="dimmed" ml={8}>
              {entry.hint}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`palette.group.${entry.group}`)}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

/** The palette's body, mounted only while open: what is typed, what it finds, the keyboard. */
function PaletteBody({ pages, onClose }: { pages: PalettePage[]; onClose: () => void }) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { entries, loading } = usePaletteEntries(query, pages);
  const current = Math.min(active, Math.max(entries.length - 1, 0));
  const pick = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    void navigate(entry.to);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + entries.length) % Math.max(entries.length, 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(entries[current]);
    }
  };
  return (
    <Stack gap="xs">
      <TextInput
        data-autofocus
        aria-label={t('palette.input')}
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={loading ? <Loader size="xs" /> : null}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded
        aria-controls="palette-results"
        aria-activedescendant={entries[current] ? `palette-${entries[current].id}` : undefined}
      />
      <div>
        <div id="palette-results" role="listbox" aria-label={t('palette.results')} tabIndex={0} style={{ maxHeight: 360, overflowY: 'auto' }}>
          {entries.map((entry, i) => (
            <EntryLine key={entry.id} entry={entry} active={i === current} onPick={() => pick(entry)} />
          ))}
        </div>
        {entries.length === 0 && !loading && (
          <Text size="sm" c="dimmed" p="sm">
            {t('palette.nothing', { query })}
          </Text>
        )}
      </div>
      <Text size="xs" c="dimmed">
        {tRich('palette.keys', {
          up: <Kbd>↑</Kbd>,
          down: <Kbd>↓</Kbd>,
          enter: <Kbd translate="no">Enter</Kbd>,
          esc: <Kbd translate="no">Esc</Kbd>,
          help: <Kbd>?</Kbd>,
        })}
      </Text>
    </Stack>
  );
}

/** Ctrl/⌘+K: jump to any page, find anyone by name, run an action (which opens with its own permission and passkey checks). */
export function CommandPalette({ opened, onClose, pages }: { opened: boolean; onClose: () => void; pages: PalettePage[] }) {
  return (
    // No opening animation: the field takes focus at once, so nothing typed right after Ctrl+K is lost.
    <Modal opened={opened} onClose={onClose} title={t('palette.title')} size="lg" yOffset="10vh" transitionProps={{ duration: 0 }}>
      {opened && <PaletteBody pages={pages} onClose={onClose} />}
    </Modal>
  );
}
