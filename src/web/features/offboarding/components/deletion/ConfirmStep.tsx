import { Button, Card, Checkbox, Group, List, Stack, Title } from '@mantine/core';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { plural } from '../../../../shared/format';

/** Step 1: what deleting does, and a checkbox that the person should lose access. */
export function ConfirmStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { confirmed, setConfirmed, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Confirm the person should no longer access Sofie
        </Title>
        <List size="sm">
          <List.Item>Every session ends and sign-in is blocked at once; pending invitations are revoked.</List.Item>
          <List.Item>
            They own {plural(r.ownedTotal, 'content item', 'content items')} and hold {plural(r.collaboratorSeats, 'collaborator seat', 'collaborator seats')}:
            you decide where each goes next.
          </List.Item>
          <List.Item>
            They leave {plural(r.groupMemberships, 'group', 'groups')} and{' '}
            {plural(r.directWorkspaceMemberships, 'direct Workspace membership', 'direct Workspace memberships')}.
          </List.Item>
          <List.Item>The account can be restored for {r.restoreDays} days; then personal data is purged.</List.Item>
        </List>
        <Checkbox label={`${u.name} should lose access to Sofie`} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button disabled={!confirmed} onClick={() => setStep(1)}>
            Review ownership
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
