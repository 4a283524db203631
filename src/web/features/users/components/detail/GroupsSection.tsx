import { Anchor, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../../../shared/useMe';
import { fetchGroups, groupKeys } from '../../../groups';
import { ChangeError, conflictCurrent, isVersionConflict } from '../../../../shared/ui/ChangeError';
import { DetailSection } from './DetailSection';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { ReasonField } from '../../../../shared/reason/ReasonField';
import type { SectionProps } from './types';
import { useChangeUserGroups } from './useChangeUserGroups';

export function GroupsSection({ user, reload, openRequest }: SectionProps) {
  const can = useCan();
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (openRequest && can('groups.manage')) setOpened(true);
  }, [openRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <DetailSection
      id="groups"
      title="Groups"
      description="A group says who belongs together. It grants no access by itself."
      actions={
        can('groups.manage') && (
          <Button variant="light" onClick={() => setOpened(true)}>
            Change groups
          </Button>
        )
      }
    >
      {user.groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not in any group.
        </Text>
      ) : (
        <Group gap="xs" aria-label="Member of">
          {user.groups.map((g) =>
            can('groups.view') ? (
              <SoftBadge key={g.id} color="indigo" size="lg" component={Link} to={`/admin/groups/${g.id}`} style={{ cursor: 'pointer', textTransform: 'none' }}>
                {g.name}
              </SoftBadge>
            ) : (
              <SoftBadge key={g.id} color="indigo" size="lg" style={{ textTransform: 'none' }}>
                {g.name}
              </SoftBadge>
            ),
          )}
        </Group>
      )}
      {opened && <ChangeGroupsModal user={user} reload={reload} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function ChangeGroupsModal({ user, reload, onClose }: { user: SectionProps['user']; reload: SectionProps['reload']; onClose: () => void }) {
  const groups = useQuery({ queryKey: groupKeys.all, queryFn: fetchGroups });
  const { reasonRequired, groupIds, setGroupIds, reason, setReason, reasonError, reloading, mutation, reloadLatest, submit } = useChangeUserGroups(
    user,
    reload,
    onClose,
  );

  const nameOf = (id: string) => groups.data?.items.find((g) => g.id === id)?.name ?? 'a deleted group';
  let whatChanged: string | undefined;
  if (isVersionConflict(mutation.error)) {
    const current = conflictCurrent<{ groupIds?: string[] }>(mutation.error);
    whatChanged = current?.groupIds
      ? `The groups are now: ${current.groupIds.length ? current.groupIds.map(nameOf).join(', ') : 'none'} (this page showed ${user.groups.length ? user.groups.map((g) => g.name).join(', ') : 'none'}).`
      : undefined;
  }

  const unchanged = groupIds.length === user.groups.length && user.groups.every((g) => groupIds.includes(g.id));
  const data = (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }));

  return (
    <Modal opened onClose={onClose} title={`Change groups of ${user.name || user.email}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <MultiSelect
            label="Groups"
            description={
              <>
                Groups are managed on{' '}
                <Anchor component={Link} to="/admin/groups" size="xs">
                  Manage Groups
                </Anchor>
                .
              </>
            }
            placeholder={groupIds.length ? undefined : 'Choose groups'}
            data={data}
            value={groupIds}
            onChange={setGroupIds}
            searchable
            clearable
            nothingFoundMessage="No group matches"
            disabled={groups.isLoading}
            comboboxProps={{ withinPortal: true }}
          />
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={mutation.error} whatChanged={whatChanged} onReload={() => void reloadLatest()} reloading={reloading} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="indigo.7" loading={mutation.isPending} disabled={unchanged}>
              Save groups
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
