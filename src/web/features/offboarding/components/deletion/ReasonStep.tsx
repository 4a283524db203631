import { Alert, Button, Card, Checkbox, Group, Stack, Textarea, Title } from '@mantine/core';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { t } from '../../../../shared/i18n';

/** Step 4: the business reason and the acknowledged offboarding policy. */
export function ReasonStep({ review: r, plan }: { review: OwnershipReview; plan: DeletionPlan }) {
  const { reason, setReason, acknowledged, setAcknowledged, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('deletion.reason.title')}
        </Title>
        <Textarea label={t('reason.label')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        <Alert color="gray" title={t('deletion.reason.policy')}>
          {r.policy}
        </Alert>
        <Checkbox label={t('deletion.reason.acknowledge')} checked={acknowledged} onChange={(e) => setAcknowledged(e.currentTarget.checked)} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(2)}>
            {t('deletion.back')}
          </Button>
          <Button disabled={!reason.trim() || !acknowledged} onClick={() => setStep(4)}>
            {t('deletion.reason.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
