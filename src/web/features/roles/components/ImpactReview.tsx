import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RoleImpact } from '../../../../contracts/roles';
import { AffectedUsersTable } from './AffectedUsersTable';
import { PermissionChangeList } from './PermissionChangeList';
import { formatNumber, noun, plural } from '../../../shared/format';

/** "Review impact": who gains or loses which permissions when the role is saved. */
export function ImpactReview({ impact, isNew }: { impact: RoleImpact; isNew: boolean }) {
  const changes = impact.gained.length + impact.lost.length;
  return (
    <Stack gap="md" data-testid="impact-review">
      <Title order={2} size="h3">
        Impact review
      </Title>
      {impact.problems.map((p) => (
        <Alert key={p.code} color="red" title="This change will be refused" icon={<IconAlertTriangle size={18} />}>
          {p.message}
        </Alert>
      ))}
      {impact.privilegedChange && (
        <Alert color="orange" title="Privileged change" icon={<IconAlertTriangle size={18} />}>
          This change touches privileged permissions (users, security, organization settings or integrations). Check that every holder needs it.
        </Alert>
      )}
      <Text>
        {isNew
          ? 'Nobody holds this new role yet: it affects people only once it is assigned.'
          : impact.userCount === 0
            ? 'Nobody holds this role: saving changes no one’s access.'
            : changes === 0
              ? `No permission changes for the ${plural(impact.userCount, 'user', 'users')} holding this role.`
              : `${plural(impact.userCount, 'user', 'users')} (${formatNumber(impact.activeUserCount)} active) will gain ${formatNumber(impact.gained.length)} and lose ${formatNumber(impact.lost.length)} ${noun(changes, 'permission', 'permissions')} on their next request.`}
      </Text>
      <Group align="flex-start" grow>
        <PermissionChangeList title={isNew ? 'Permissions in this role' : 'Gained'} listLabel="Gained permissions" permissions={impact.gained} />
        {!isNew && <PermissionChangeList title="Lost" listLabel="Lost permissions" permissions={impact.lost} />}
      </Group>
      {impact.users.length > 0 && changes > 0 && <AffectedUsersTable users={impact.users} />}
      {impact.truncated && (
        <Text size="sm" c="dimmed">
          Showing the first {impact.users.length} of {impact.userCount} users.
        </Text>
      )}
    </Stack>
  );
}
