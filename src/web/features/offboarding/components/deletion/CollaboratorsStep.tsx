import { Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { ActiveUserPicker } from '../../../../shared/ui/ActiveUserPicker';
import { CollaboratingList } from './CollaboratingList';
import { PreviewProblems } from './PreviewProblems';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { plural } from '../../../../shared/format';

/** Step 3: replace or remove the collaborator seats the person holds on others’ content. */
export function CollaboratorsStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { seatChoice, setSeatChoice, seatTarget, setSeatTarget, preview, stepProblems, previewError, blocked, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Collaborator seats
        </Title>
        <Text size="sm">
          {u.name} collaborates on {plural(r.collaboratorSeats, 'item', 'items')} owned by others.
        </Text>
        {r.collaboratorSeats > 0 ? (
          <>
            <Radio.Group label="What happens to these seats?" value={seatChoice ?? ''} onChange={(v) => setSeatChoice(v as 'replace' | 'remove')}>
              <Stack gap="xs" mt={6}>
                <Radio value="replace" label="Replace with another active user (same role)" />
                <Radio value="remove" label="Remove the seats" />
              </Stack>
            </Radio.Group>
            {seatChoice === 'replace' && (
              <ActiveUserPicker label="Replacement collaborator" value={seatTarget} onChange={setSeatTarget} exclude={[u.id]} w={420} />
            )}
            <CollaboratingList userId={u.id} />
          </>
        ) : (
          <Text c="dimmed" size="sm">
            Nothing to decide.
          </Text>
        )}
        <PreviewProblems problems={stepProblems('collaborators').concat(stepProblems('ownership'))} error={previewError} loading={preview.isFetching} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(1)}>
            Back
          </Button>
          <Button disabled={blocked('collaborators') || blocked('ownership')} onClick={() => setStep(3)}>
            Next: reason and policy
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
