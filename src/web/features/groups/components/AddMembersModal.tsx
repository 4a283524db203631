import { Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../../shared/client';
import { ChangeError } from '../../../shared/ui/ChangeError';
import { serverSearchFilter } from '../../../shared/ui/serverSearchFilter';
import { ReasonField } from '../../../shared/reason/ReasonField';
import { useReasonedSubmit } from '../../../shared/reason/useReasonedSubmit';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { t } from '../../../shared/i18n';

const searchUsers = (search: string) => call('get', '/api/users', { query: { search: search || undefined, limit: 20, sort: 'name' } });

/** Search users by name or email and add several at once. */
export function AddMembersModal({
  groupName,
  memberIds,
  onSubmit,
  onClose,
}: {
  groupName: string;
  memberIds: Set<string>;
  onSubmit: (userIds: string[], reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}) {
  const reasonRequired = useReasonRequired();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [selected, setSelected] = useState<string[]>([]);
  // Labels of chosen users, kept when a new search no longer lists them.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const form = useReasonedSubmit(reasonRequired);
  const results = useQuery({ queryKey: ['users', 'member-search', debounced], queryFn: () => searchUsers(debounced), staleTime: 10_000 });

  const found = (results.data?.items ?? []).filter((u) => !memberIds.has(u.id));
  const options = new Map<string, string>();
  for (const id of selected) options.set(id, labels[id] ?? id);
  for (const u of found) options.set(u.id, `${u.name || u.email} · ${u.email}`);

  async function submit() {
    if (await form.submit((reason) => onSubmit(selected, reason))) onClose();
  }

  return (
    <Modal opened onClose={onClose} title={t('group.add.title', { name: groupName })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <MultiSelect
            label={t('group.add.people')}
            description={t('group.add.peopleHint')}
            placeholder={selected.length ? undefined : t('group.add.search')}
            data={[...options].map(([value, label]) => ({ value, label }))}
            value={selected}
            onChange={(ids) => {
              setSelected(ids);
              setLabels((l) => ({ ...l, ...Object.fromEntries(ids.map((id) => [id, options.get(id) ?? l[id] ?? id])) }));
            }}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={serverSearchFilter(debounced === search && !results.isPlaceholderData)}
            nothingFoundMessage={results.isFetching ? t('group.add.searching') : t('group.add.nothingFound')}
            maxDropdownHeight={280}
            hidePickedOptions
            // Inside the dialog rather than in a portal at the end of <body>: the open list stays within the dialog's landmarks.
            comboboxProps={{ withinPortal: false }}
            data-autofocus
          />
          {selected.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('group.add.selected', { count: selected.length })}
            </Text>
          )}
          <ReasonField {...form.reasonField} />
          <ChangeError error={form.error} onReload={form.clearError} subject="group" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={form.pending} disabled={selected.length === 0}>
              {selected.length ? t('group.add.submit', { count: selected.length }) : t('group.addMembers')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
