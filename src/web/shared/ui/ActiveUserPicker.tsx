import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../client';
import { t } from '../i18n';
import { serverSearchFilter } from './serverSearchFilter';

/** Active users who can receive ownership or a collaborator seat. */
const searchActiveUsers = (search: string) => call('get', '/api/users', { query: { search: search || undefined, status: 'active', limit: 20 } });

export interface PickedUser {
  id: string;
  name: string;
  email: string;
}

/** A searchable picker of ACTIVE users (who can receive ownership or a seat). */
export function ActiveUserPicker({
  label,
  value,
  onChange,
  exclude,
  placeholder,
  size = 'sm',
  w,
}: {
  label: string;
  value: PickedUser | null;
  onChange: (user: PickedUser | null) => void;
  exclude?: string[];
  placeholder?: string;
  size?: string;
  w?: number | string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const users = useQuery({ queryKey: ['active-users', debounced], queryFn: () => searchActiveUsers(debounced), placeholderData: keepPreviousData });
  const options = (users.data?.items ?? [])
    .filter((u) => !exclude?.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} <${u.email}>`, user: { id: u.id, name: u.name, email: u.email } }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: `${value.name} <${value.email}>`, user: value });
  return (
    <Select
      label={label}
      placeholder={placeholder ?? t('userPicker.search')}
      searchable
      clearable
      size={size}
      w={w}
      data={options.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={serverSearchFilter(debounced === search && !users.isPlaceholderData)}
      nothingFoundMessage={users.isFetching ? t('userPicker.searching') : t('userPicker.none')}
      onChange={(id) => onChange(options.find((o) => o.value === id)?.user ?? null)}
    />
  );
}
