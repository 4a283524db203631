import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RoleImpact } from '../../../../contracts/roles';
import { AffectedUsersTable } from './AffectedUsersTable';
import { PermissionChangeList } from './PermissionChangeList';
import { t } from '../../../shared/i18n';
import { roleProblemText } from '../roleProblemText';

/** "Review impact": who gains or loses which permissions when the role is saved. */
export function ImpactReview({ impact, isNew }: { impact: RoleImpact; isNew: boolean }) {
  const changes = impact.gained.length + impact.lost.length;
  return (
    <Stack gap="md" data-testid="impact-review">
      <Title order={2} size="h3">
        {t('roleEditor.impact.title')}
      </Title>
      {impact.problems.map((p) => (
        <Alert key={p.code} color="red" title={t('roleEditor.impact.refused')} icon={<IconAlertTriangle size={18} />}>
          {roleProblemText(p)}
        </Alert>
      ))}
      {impact.privilegedChange && (
        <Alert color="orange" title={t('roleEditor.impact.privileged')} icon={<IconAlertTriangle size={18} />}>
          {t('roleEditor.impact.privilegedText')}
        </Alert>
      )}
      <Text>
        {isNew
          ? t('roleEditor.impact.newRole')
          : impact.userCount === 0
            ? t('roleEditor.impact.nobody')
            : changes === 0
              ? t('roleEditor.impact.noChanges', { count: impact.userCount })
              : t('roleEditor.impact.changes', {
                  count: changes,
                  holders: t('roleEditor.impact.holders', { count: impact.userCount, active: impact.activeUserCount }),
                  gained: impact.gained.length,
                  lost: impact.lost.length,
                })}
      </Text>
      <Group align="flex-start" grow>
        <PermissionChangeList
          title={isNew ? t('roleEditor.impact.inRole') : t('roleEditor.impact.gained')}
          listLabel={t('roleEditor.impact.gainedList')}
          permissions={impact.gained}
        />
        {!isNew && <PermissionChangeList title={t('roleEditor.impact.lost')} listLabel={t('roleEditor.impact.lostList')} permissions={impact.lost} />}
      </Group>
      {impact.users.length > 0 && changes > 0 && <AffectedUsersTable users={impact.users} />}
      {impact.truncated && (
        <Text size="sm" c="dimmed">
          {t('roleEditor.impact.truncated', { shown: impact.users.length, total: impact.userCount })}
        </Text>
      )}
    </Stack>
  );
}
