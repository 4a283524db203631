import { Button, Group, Skeleton, Text, Title } from '@mantine/core';
import { IconMailForward, IconShieldLock, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import { countText } from '../../../shared/format';
import { useCan } from '../../../shared/useMe';
import { t } from '../../../shared/i18n';

/** "Users", how many (matching), and the ways to Roles, Groups, Invitations and Invite New User. */
export function UsersPageHeader({
  loaded,
  total,
  totalExact,
  filtered,
  countAll,
  onInvite,
}: {
  loaded: boolean;
  total: number;
  /** False when the server counted only up to its cap: "1,000+". */
  totalExact: boolean;
  filtered: boolean;
  /** Asks the server for the exact figure behind a capped total. */
  countAll: { run: () => void; running: boolean; failed: boolean };
  onInvite: () => void;
}) {
  const can = useCan();
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap">
      <div>
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {/* While loading, a placeholder of the count: the line keeps its height and the buttons their place. */}
          {loaded ? (
            t(filtered ? 'users.countMatching' : 'users.count', { count: total, total: countText(total, totalExact) })
          ) : (
            <Skeleton component="span" display="inline-block" h="1em" w={64} />
          )}
          {loaded && !totalExact && t('users.countedUpTo', { total })}
          {loaded && !totalExact && (
            <Button variant="subtle" size="compact-xs" onClick={countAll.run} loading={countAll.running}>
              {countAll.failed ? t('users.countFailed') : t('users.countAll')}
            </Button>
          )}
        </Text>
      </div>
      <Group gap="xs">
        {can('roles.view') && (
          <Button component={Link} to="/admin/roles" variant="default" leftSection={<IconShieldLock size={16} />}>
            {t('users.manageRoles')}
          </Button>
        )}
        {can('groups.view') && (
          <Button component={Link} to="/admin/groups" variant="default" leftSection={<IconUsersGroup size={16} />}>
            {t('users.manageGroups')}
          </Button>
        )}
        <Button component={Link} to="/admin/invitations" variant="default" leftSection={<IconMailForward size={16} />}>
          {t('users.invitations')}
        </Button>
        {can('users.invite') && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={onInvite}>
            {t('users.invite')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
