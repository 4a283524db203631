import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { searchActiveUsers } from '../api';
import { t } from '../../../shared/i18n';

interface Props {
  value: string | null;
  /** The current owner, so the field shows a name before any search. */
  current: { id: string; name: string } | null;
  onChange: (id: string | null) => void;
  required: boolean;
  error?: string | null;
  readOnly?: boolean;
}

/** Picks the active user who reviews a privileged role. */
export function OwnerPicker({ value, current, onChange, required, error, readOnly }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const users = useQuery({ queryKey: ['roles', 'owner-search', debounced], queryFn: () => searchActiveUsers(debounced) });
  const data = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  if (current && !data.some((d) => d.value === current.id)) data.unshift({ value: current.id, label: current.name });
  return (
    <Select
      label={t('roleEditor.owner')}
      description={required ? t('roleEditor.owner.required') : t('roleEditor.owner.optional')}
      placeholder={t('roleEditor.owner.search')}
      searchable
      clearable={!required}
      withAsterisk={required}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('roleEditor.owner.noMatch')}
      error={error}
      disabled={readOnly}
      w={420}
    />
  );
}
