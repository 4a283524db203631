import { Card, List, Title } from '@mantine/core';
import type { DeleteUserResult } from '../../../../../contracts/offboarding';
import { CONTENT_TYPE_LABELS, type ContentType } from '../../../../../contracts/ownership';
import { plural } from '../../../../shared/format';

/** The plan as the server summarizes it (dry run or done); compact shows ownership only. */
export function PlanSummaryView({ result, compact }: { result: DeleteUserResult; compact?: boolean }) {
  const s = result.summary;
  // Every label is a plural ending in "s" ("Sequences"): one of them drops it.
  const types = (list: { type: ContentType; count: number }[]) =>
    list.map((t) => plural(t.count, CONTENT_TYPE_LABELS[t.type].replace(/s$/, ''), CONTENT_TYPE_LABELS[t.type])).join(', ');
  return (
    <Card withBorder bg="var(--sofie-color-canvas)" data-testid="plan-summary">
      <Title order={3} size="h5" mb={4}>
        Plan
      </Title>
      <List size="sm" spacing={2}>
        {s.transfers.map((t) => (
          <List.Item key={t.to.id}>
            Transfer {plural(t.count, 'item', 'items')} to {t.to.name} ({types(t.byType)})
          </List.Item>
        ))}
        {s.keptForOrganization.count > 0 && (
          <List.Item>
            Keep {plural(s.keptForOrganization.count, 'item', 'items')} for the organization ({types(s.keptForOrganization.byType)})
          </List.Item>
        )}
        {s.undecided.count > 0 && <List.Item>{plural(s.undecided.count, 'item', 'items')} without a decision</List.Item>}
        {!compact && (
          <>
            <List.Item>
              Collaborator seats: {s.seats.replaced} replaced, {s.seats.removed} removed
            </List.Item>
            {s.sequencesPausedForOrganization > 0 && (
              <List.Item>{plural(s.sequencesPausedForOrganization, 'active Sequence', 'active Sequences')} paused (kept for the organization)</List.Item>
            )}
            <List.Item>
              {plural(s.sessionsToEnd, 'session', 'sessions')} ended, {plural(s.invitationsToRevoke, 'invitation', 'invitations')} revoked
            </List.Item>
            <List.Item>
              Leaves {plural(s.groupMembershipsRemoved, 'group', 'groups')} and{' '}
              {plural(s.workspaceMembershipsRemoved, 'direct Workspace membership', 'direct Workspace memberships')}
            </List.Item>
          </>
        )}
      </List>
    </Card>
  );
}
