import { Anchor, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../../../shared/useMe';
import { useGroups } from '../../../../shared/lookups';
import { ChangeError, conflictCurrent, isVersionConflict } from '../../../../shared/ui/ChangeError';
import { DetailSection } from './DetailSection';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { ReasonField } from '../../../../shared/reason/ReasonField';
import type { SectionProps } from './types';
import { useChangeUserGroups } from './useChangeUserGroups';
import { t } from '../../../../shared/i18n';

export function GroupsSection({ user, reload, openRequest }: SectionProps) {
  const can = useCan();
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (openRequest && can('groups.manage')) setOpened(true);
  }, [openRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <DetailSection
      id="groups"
      title={t('user.groups.title')}
      description={t('user.groups.description')}
      actions={
        can('groups.manage') && (
          <Button variant="light" onClick={() => setOpened(true)}>
            {t('user.groups.change')}
          </Button>
        )
      }
    >
      {user.groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('user.groups.none')}
        </Text>
      ) : (
        <Group gap="xs" aria-label={t('user.groups.memberOf')}>
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
  const groups = useGroups();
  const { reasonRequired, groupIds, setGroupIds, reason, setReason, reasonError, reloading, mutation, reloadLatest, submit } = useChangeUserGroups(
    user,
    reload,
    onClose,
  );

  const nameOf = (id: string) => groups.data?.items.find((g) => g.id === id)?.name ?? t('user.groups.deleted');
  let whatChanged: string | undefined;
  if (isVersionConflict(mutation.error)) {
    const current = conflictCurrent<{ groupIds?: string[] }>(mutation.error);
    whatChanged = current?.groupIds
      ? t('user.groups.nowAre', {
          current: current.groupIds.length ? current.groupIds.map(nameOf).join(', ') : t('user.groups.noneWord'),
          shown: user.groups.length ? user.groups.map((g) => g.name).join(', ') : t('user.groups.noneWord'),
        })
      : undefined;
  }

  const unchanged = groupIds.length === user.groups.length && user.groups.every((g) => groupIds.includes(g.id));
  const data = (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }));

  return (
    <Modal opened onClose={onClose} title={t('user.groups.changeOf', { name: user.name || user.email })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <MultiSelect
            label={t('user.groups.title')}
            description={
              <>
                {t('user.groups.managedOn')}
                <Anchor component={Link} to="/admin/groups" size="xs">
                  {t('user.groups.manage')}
                </Anchor>
                .
              </>
            }
            placeholder={groupIds.length ? undefined : t('user.groups.choose')}
            data={data}
            value={groupIds}
            onChange={setGroupIds}
            searchable
            clearable
            nothingFoundMessage={t('user.groups.noMatch')}
            disabled={groups.isLoading}
            comboboxProps={{ withinPortal: true }}
          />
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={mutation.error} whatChanged={whatChanged} onReload={() => void reloadLatest()} reloading={reloading} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={mutation.isPending} disabled={unchanged}>
              {t('user.groups.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
