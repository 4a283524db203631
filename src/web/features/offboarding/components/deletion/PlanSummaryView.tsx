import { Card, List, Title } from '@mantine/core';
import type { DeleteUserResult } from '../../../../../contracts/offboarding';
import { type ContentType } from '../../../../../contracts/ownership';
import { t } from '../../../../shared/i18n';

/** The plan as the server summarizes it (dry run or done); compact shows ownership only. */
export function PlanSummaryView({ result, compact }: { result: DeleteUserResult; compact?: boolean }) {
  const s = result.summary;
  const types = (list: { type: ContentType; count: number }[]) => list.map((entry) => t(`content.count.${entry.type}`, { count: entry.count })).join(', ');
  const items = (count: number) => t('deletion.count.items', { count });
  return (
    <Card withBorder bg="var(--sofie-color-canvas)" data-testid="plan-summary">
      <Title order={3} size="h5" mb={4}>
        {t('deletion.plan.title')}
      </Title>
      <List size="sm" spacing={2}>
        {s.transfers.map((transfer) => (
          <List.Item key={transfer.to.id}>
            {t('deletion.plan.transfer', { items: items(transfer.count), name: transfer.to.name, types: types(transfer.byType) })}
          </List.Item>
        ))}
        {s.keptForOrganization.count > 0 && (
          <List.Item>{t('deletion.plan.keep', { items: items(s.keptForOrganization.count), types: types(s.keptForOrganization.byType) })}</List.Item>
        )}
        {s.undecided.count > 0 && <List.Item>{t('deletion.plan.undecided', { items: items(s.undecided.count) })}</List.Item>}
        {!compact && (
          <>
            <List.Item>{t('deletion.plan.seats', { replaced: s.seats.replaced, removed: s.seats.removed })}</List.Item>
            {s.sequencesPausedForOrganization > 0 && (
              <List.Item>
                {t('deletion.plan.sequences', { sequences: t('deletion.count.activeSequences', { count: s.sequencesPausedForOrganization }) })}
              </List.Item>
            )}
            <List.Item>
              {t('deletion.plan.sessions', {
                sessions: t('deletion.count.sessions', { count: s.sessionsToEnd }),
                invitations: t('deletion.count.invitations', { count: s.invitationsToRevoke }),
              })}
            </List.Item>
            <List.Item>
              {t('deletion.plan.leaves', {
                groups: t('deletion.count.groups', { count: s.groupMembershipsRemoved }),
                workspaces: t('deletion.count.workspaceMemberships', { count: s.workspaceMembershipsRemoved }),
              })}
            </List.Item>
          </>
        )}
      </List>
    </Card>
  );
}
