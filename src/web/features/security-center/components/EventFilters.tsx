import { Button, Group, Select, TextInput } from '@mantine/core';
import { FilterDrawer, useNarrow } from '../../../shared/ui/FilterDrawer';
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
function DebouncedInput({
  label,
  value,
  onCommit,
  icon,
  full,
}: {
  label: string;
  value: string | undefined;
  onCommit: (v: string) => void;
  icon?: ReactNode;
  full?: boolean;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const timer = setTimeout(() => onCommit(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onCommit]);
  return (
    <TextInput
      label={label}
      leftSection={icon}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      style={{ flex: '1 1 160px', maxWidth: full ? undefined : 260 }}
    />
  );
}

/** Actor, Subject, date range, Category, Risk level and sort: in the row on wide screens, in the Filters drawer on a phone. */
function MoreFilters({ view, onChange, full }: Pick<Props, 'view' | 'onChange'> & { full: boolean }) {
  const w = (px: number) => (full ? '100%' : px);
  return (
    <>
      <DebouncedInput label={t('security.filter.actor')} value={view.actor} onCommit={(actor) => onChange({ actor })} full={full} />
      <DebouncedInput label={t('security.filter.subject')} value={view.subject} onCommit={(subject) => onChange({ subject })} full={full} />
      <TextInput label={t('security.filter.from')} type="date" value={view.from ?? ''} onChange={(e) => onChange({ from: e.currentTarget.value })} w={w(150)} />
      <TextInput label={t('security.filter.to')} type="date" value={view.to ?? ''} onChange={(e) => onChange({ to: e.currentTarget.value })} w={w(150)} />
      <Select
        label={t('security.filter.category')}
        placeholder={t('security.filter.allCategories')}
        data={AUDIT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
        value={view.category ?? null}
        onChange={(value) => onChange({ category: value ?? undefined })}
        clearable
        w={w(160)}
      />
      <Select
        label={t('security.filter.risk')}
        placeholder={t('security.filter.anyRisk')}
        data={RISK_LEVELS.map((r) => ({ value: r, label: riskLabel(r) }))}
        value={view.risk ?? null}
        onChange={(value) => onChange({ risk: value ?? undefined })}
        clearable
        w={w(130)}
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
        w={w(140)}
      />
    </>
  );
}

/** Search text and the other filters of the Events tab's view; on a phone only Search stays in the row. */
export function EventFilters({ view, onChange, onReset, end }: Props) {
  const narrow = useNarrow();
  const filtered = Object.values(view).some(Boolean);
  const chosen = [view.actor, view.subject, view.from, view.to, view.category, view.risk, view.sort].filter(Boolean).length;
  const clear = (
    <Button variant="subtle" onClick={onReset}>
      {t('security.filter.clear')}
    </Button>
  );
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <DebouncedInput label={t('security.filter.search')} icon={<IconSearch size={16} />} value={view.q} onCommit={(q) => onChange({ q })} full={narrow} />
      {narrow ? (
        <FilterDrawer chosen={chosen} title={t('security.filter.title')} showLabel={t('security.filter.show')} clear={filtered ? clear : undefined}>
          <MoreFilters view={view} onChange={onChange} full />
        </FilterDrawer>
      ) : (
        <>
          <MoreFilters view={view} onChange={onChange} full={false} />
          {filtered && clear}
        </>
      )}
      {end}
    </Group>
  );
}
