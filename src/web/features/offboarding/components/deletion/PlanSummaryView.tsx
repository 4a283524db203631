import { Card, List, Title } from '@mantine/core';
import type { DeleteUserResult } from '../../../../../contracts/offboarding';
import { CONTENT_TYPE_LABELS, type ContentType } from '../../../../../contracts/ownership';

/** The plan as the server summarizes it (dry run or done); compact shows ownership only. */
export function PlanSummaryView({ result, compact }: { result: DeleteUserResult; compact?: boolean }) {
  const s = result.summary;
  const types = (list: { type: ContentType; count: number }[]) => list.map((t) => `${t.count} ${CONTENT_TYPE_LABELS[t.type]}`).join(', ');
  return (
    <Card withBorder bg="gray.0" data-testid="plan-summary">
      <Title order={3} size="h5" mb={4}>
        Plan
      </Title>
      <List size="sm" spacing={2}>
        {s.transfers.map((t) => (
          <List.Item key={t.to.id}>
            Transfer {t.count} item(s) to {t.to.name} ({types(t.byType)})
          </List.Item>
        ))}
        {s.keptForOrganization.count > 0 && (
          <List.Item>
            Keep {s.keptForOrganization.count} item(s) for the organization ({types(s.keptForOrganization.byType)})
          </List.Item>
        )}
        {s.undecided.count > 0 && <List.Item>{s.undecided.count} item(s) without a decision</List.Item>}
        {!compact && (
          <>
            <List.Item>
              Collaborator seats: {s.seats.replaced} replaced, {s.seats.removed} removed
            </List.Item>
            {s.sequencesPausedForOrganization > 0 && (
              <List.Item>{s.sequencesPausedForOrganization} active Sequence(s) paused (kept for the organization)</List.Item>
            )}
            <List.Item>
              {s.sessionsToEnd} session(s) ended, {s.invitationsToRevoke} invitation(s) revoked
            </List.Item>
            <List.Item>
              Leaves {s.groupMembershipsRemoved} group(s) and {s.workspaceMembershipsRemoved} direct Workspace membership(s)
            </List.Item>
          </>
        )}
      </List>
    </Card>
  );
}
