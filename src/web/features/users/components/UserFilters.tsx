import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { FilterDrawer, useNarrow } from '../../../shared/ui/FilterDrawer';
import type { ReactNode } from 'react';
import { useDebouncedSearch } from '../hooks/useDebouncedSearch';
import type { UserListParams } from '../hooks/useUserListParams';
import { useGroups, useRoles } from '../../../shared/lookups';
import { t } from '../../../shared/i18n';

const LAST_ACTIVE_OPTIONS = [
  { value: '7d', label: t('users.filter.active7d') },
  { value: '30d', label: t('users.filter.active30d') },
  { value: '90d', label: t('users.filter.active90d') },
  { value: 'never', label: t('users.filter.neverActive') },
];

const STATUS_OPTIONS = [
  { value: 'invited', label: t('status.invited') },
  { value: 'active', label: t('status.active') },
  { value: 'deactivated', label: t('status.deactivated') },
];

interface Props {
  /** Shown at the end of the row (the export button). */
  end?: ReactNode;
  params: UserListParams;
  onChange: (patch: Partial<UserListParams>, replace?: boolean) => void;
  onReset: () => void;
}

type SelectWidths = { role: number | string; group: number | string; status: number | string; lastActive: number | string };
const ROW_WIDTHS: SelectWidths = { role: 170, group: 170, status: 140, lastActive: 170 };
const FULL_WIDTHS: SelectWidths = { role: '100%', group: '100%', status: '100%', lastActive: '100%' };

/** The role, group, status and last-active filters: in the row on wide screens, in the Filters drawer on narrow ones. */
function FilterSelects({ params, onChange, widths }: Pick<Props, 'params' | 'onChange'> & { widths: SelectWidths }) {
  const roles = useRoles();
  const groups = useGroups();
  return (
    <>
      <Select
        aria-label={t('users.filter.byRole')}
        placeholder={t('users.filter.allRoles')}
        data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={params.roleId ?? null}
        onChange={(value) => onChange({ roleId: value ?? undefined })}
        clearable
        searchable
        w={widths.role}
      />
      <Select
        aria-label={t('users.filter.byGroup')}
        placeholder={t('users.filter.allGroups')}
        data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
        value={params.groupId ?? null}
        onChange={(value) => onChange({ groupId: value ?? undefined })}
        clearable
        searchable
        nothingFoundMessage={t('users.filter.noGroups')}
        w={widths.group}
      />
      <Select
        aria-label={t('users.filter.byStatus')}
        placeholder={t('users.filter.anyStatus')}
        data={STATUS_OPTIONS}
        value={params.status ?? null}
        onChange={(value) => onChange({ status: (value as UserListParams['status']) ?? undefined })}
        clearable
        w={widths.status}
      />
      <Select
        aria-label={t('users.filter.byLastActive')}
        placeholder={t('users.filter.anyActivity')}
        data={LAST_ACTIVE_OPTIONS}
        value={params.lastActive ?? null}
        onChange={(value) => onChange({ lastActive: (value as UserListParams['lastActive']) ?? undefined })}
        clearable
        w={widths.lastActive}
      />
    </>
  );
}

/**
 * Search (debounced into the URL) and the role, group and status filters. Below the `sm` breakpoint
 * (a phone) the four filters fold into a "Filters" button that opens them in a drawer.
 */
export function UserFilters({ params, onChange, onReset, end }: Props) {
  const { search, setSearch, clearSearch } = useDebouncedSearch(params.search, onChange);
  const narrow = useNarrow();
  const chosen = [params.roleId, params.groupId, params.status, params.lastActive].filter(Boolean).length;
  const filtered = Boolean(params.search || chosen);
  const clear = (
    <Button
      variant="subtle"
      color="gray"
      onClick={() => {
        clearSearch();
        onReset();
      }}
    >
      {t('users.clearFilters')}
    </Button>
  );

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('users.search.placeholder')}
        aria-label={t('users.search.label')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        rightSection={search ? <IconX size={14} style={{ cursor: 'pointer' }} aria-label={t('users.search.clear')} onClick={() => setSearch('')} /> : null}
        style={{ flex: '1 1 220px', maxWidth: narrow ? undefined : 360 }}
      />
      {narrow ? (
        <FilterDrawer chosen={chosen} title={t('users.filterUsers')} showLabel={t('users.showUsers')} clear={filtered ? clear : undefined}>
          <FilterSelects params={params} onChange={onChange} widths={FULL_WIDTHS} />
        </FilterDrawer>
      ) : (
        <>
          <FilterSelects params={params} onChange={onChange} widths={ROW_WIDTHS} />
          {filtered && clear}
        </>
      )}
      {end && <div style={{ marginLeft: 'auto' }}>{end}</div>}
    </Group>
  );
}
