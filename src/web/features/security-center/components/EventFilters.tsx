import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { AUDIT_CATEGORIES, RISK_LEVELS } from '../../../../contracts/audit';
import { categoryLabel, riskLabel, type EventsView } from '../view';
import { t } from '../../../shared/i18n';

interface Props {
  view: EventsView;
  onChange: (patch: Partial<EventsView>) => void;
  onReset: () => void;
  /** Shown at the end of the row (the export menu). */
  end?: ReactNode;
}

/** A text field that writes to the URL a moment after typing stops, so each keystroke is not a search. */
function DebouncedInput({ label, value, onCommit, icon }: { label: string; value: string | undefined; onCommit: (v: string) => void; icon?: ReactNode }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const timer = setTimeout(() => onCommit(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onCommit]);
  return (
    <TextInput label={label} leftSection={icon} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: '1 1 160px', maxWidth: 260 }} />
  );
}

/** Search text, Actor, Subject, date range, Category, Risk level and sort: the Events tab's view. */
export function EventFilters({ view, onChange, onReset, end }: Props) {
  const filtered = Object.values(view).some(Boolean);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <DebouncedInput label={t('security.filter.search')} icon={<IconSearch size={16} />} value={view.q} onCommit={(q) => onChange({ q })} />
      <DebouncedInput label={t('security.filter.actor')} value={view.actor} onCommit={(actor) => onChange({ actor })} />
      <DebouncedInput label={t('security.filter.subject')} value={view.subject} onCommit={(subject) => onChange({ subject })} />
      <TextInput label={t('security.filter.from')} type="date" value={view.from ?? ''} onChange={(e) => onChange({ from: e.currentTarget.value })} w={150} />
      <TextInput label={t('security.filter.to')} type="date" value={view.to ?? ''} onChange={(e) => onChange({ to: e.currentTarget.value })} w={150} />
      <Select
        label={t('security.filter.category')}
        placeholder={t('security.filter.allCategories')}
        data={AUDIT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
        value={view.category ?? null}
        onChange={(value) => onChange({ category: value ?? undefined })}
        clearable
        w={160}
      />
      <Select
        label={t('security.filter.risk')}
        placeholder={t('security.filter.anyRisk')}
        data={RISK_LEVELS.map((r) => ({ value: r, label: riskLabel(r) }))}
        value={view.risk ?? null}
        onChange={(value) => onChange({ risk: value ?? undefined })}
        clearable
        w={130}
      />
      <Select
        label={t('security.filter.sort')}
        data={[
          { value: 'newest', label: t('security.filter.newest') },
          { value: 'oldest', label: t('security.filter.oldest') },
        ]}
        value={view.sort ?? 'newest'}
        onChange={(value) => onChange({ sort: value === 'oldest' ? 'oldest' : undefined })}
        allowDeselect={false}
        w={140}
      />
      {filtered && (
        <Button variant="subtle" onClick={onReset}>
          {t('security.filter.clear')}
        </Button>
      )}
      {end}
    </Group>
  );
}
