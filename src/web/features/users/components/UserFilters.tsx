import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useDebouncedSearch } from '../hooks/useDebouncedSearch';
import type { UserListParams } from '../hooks/useUserListParams';
import { useGroups, useRoles } from '../../../shared/lookups';

const LAST_ACTIVE_OPTIONS = [
  { value: '7d', label: 'Active in 7 days' },
  { value: '30d', label: 'Active in 30 days' },
  { value: '90d', label: 'Active in 90 days' },
  { value: 'never', label: 'Never active' },
];

const STATUS_OPTIONS = [
  { value: 'invited', label: 'Invited' },
  { value: 'active', label: 'Active' },
  { value: 'deactivated', label: 'Deactivated' },
];

interface Props {
  /** Shown at the end of the row (the export button). */
  end?: ReactNode;
  params: UserListParams;
  onChange: (patch: Partial<UserListParams>, replace?: boolean) => void;
  onReset: () => void;
}

/** Search (debounced into the URL) and the role, group and status filters. */
export function UserFilters({ params, onChange, onReset, end }: Props) {
  const roles = useRoles();
  const groups = useGroups();
  const { search, setSearch, clearSearch } = useDebouncedSearch(params.search, onChange);

  const filtered = Boolean(params.search || params.roleId || params.groupId || params.status || params.lastActive);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder="Search by name or email"
        aria-label="Search users"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        rightSection={search ? <IconX size={14} style={{ cursor: 'pointer' }} aria-label="Clear search" onClick={() => setSearch('')} /> : null}
        style={{ flex: '1 1 220px', maxWidth: 360 }}
      />
      <Select
        aria-label="Filter by role"
        placeholder="All roles"
        data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={params.roleId ?? null}
        onChange={(value) => onChange({ roleId: value ?? undefined })}
        clearable
        searchable
        w={170}
      />
      <Select
        aria-label="Filter by group"
        placeholder="All groups"
        data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
        value={params.groupId ?? null}
        onChange={(value) => onChange({ groupId: value ?? undefined })}
        clearable
        searchable
        nothingFoundMessage="No groups yet"
        w={170}
      />
      <Select
        aria-label="Filter by status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={params.status ?? null}
        onChange={(value) => onChange({ status: (value as UserListParams['status']) ?? undefined })}
        clearable
        w={140}
      />
      <Select
        aria-label="Filter by last active"
        placeholder="Any activity"
        data={LAST_ACTIVE_OPTIONS}
        value={params.lastActive ?? null}
        onChange={(value) => onChange({ lastActive: (value as UserListParams['lastActive']) ?? undefined })}
        clearable
        w={170}
      />
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          onClick={() => {
            clearSearch();
            onReset();
          }}
        >
          Clear filters
        </Button>
      )}
      {end && <div style={{ marginLeft: 'auto' }}>{end}</div>}
    </Group>
  );
}
