import { Alert, Button, Card, Checkbox, Group, Stack, Textarea, Title } from '@mantine/core';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';

/** Step 4: the business reason and the acknowledged offboarding policy. */
export function ReasonStep({ review: r, plan }: { review: OwnershipReview; plan: DeletionPlan }) {
  const { reason, setReason, acknowledged, setAcknowledged, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Business reason and offboarding policy
        </Title>
        <Textarea label="Business reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        <Alert color="gray" title="Your organization’s offboarding policy">
          {r.policy}
        </Alert>
        <Checkbox
          label="I acknowledge the organization’s offboarding policy"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(2)}>
            Back
          </Button>
          <Button disabled={!reason.trim() || !acknowledged} onClick={() => setStep(4)}>
            Next: confirm
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
