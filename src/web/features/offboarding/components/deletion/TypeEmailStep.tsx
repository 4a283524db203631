import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { errorMessage } from '../../../../shared/api';
import { PlanSummaryView } from './PlanSummaryView';
import { PreviewProblems } from './PreviewProblems';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';

/** Step 5: a dry run of the whole plan, and the email typed to confirm before deleting. */
export function TypeEmailStep({ user: u, plan }: { user: UserDetail; plan: DeletionPlan }) {
  const { typedEmail, setTypedEmail, preview, problems, previewError, apply, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Preview and confirm
        </Title>
        <Text size="sm" c="dimmed">
          A dry run of the whole plan: nothing has changed yet.
        </Text>
        {preview.data && <PlanSummaryView result={preview.data} />}
        <TextInput label={`Type ${u.email} to confirm`} value={typedEmail} onChange={(e) => setTypedEmail(e.currentTarget.value)} autoComplete="off" />
        <PreviewProblems problems={problems.filter((p) => p.step !== 'confirm' || typedEmail)} error={previewError} loading={false} />
        {apply.error && (
          <Alert color="red" title="Not deleted">
            {errorMessage(apply.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(3)}>
            Back
          </Button>
          <Button
            color="red"
            disabled={typedEmail.trim().toLowerCase() !== u.email.toLowerCase() || !preview.data?.ready || preview.isFetching}
            loading={apply.isPending}
            onClick={() => apply.mutate()}
          >
            Delete user
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
