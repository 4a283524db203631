import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { errorMessage } from '../../../../shared/api';
import { PlanSummaryView } from './PlanSummaryView';
import { PreviewProblems } from './PreviewProblems';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { t } from '../../../../shared/i18n';

/** Step 5: a dry run of the whole plan, and the email typed to confirm before deleting. */
export function TypeEmailStep({ user: u, plan }: { user: UserDetail; plan: DeletionPlan }) {
  const { typedEmail, setTypedEmail, preview, problems, previewError, apply, submit, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('deletion.typeEmail.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('deletion.typeEmail.dryRun')}
        </Text>
        {preview.data && <PlanSummaryView result={preview.data} />}
        <TextInput
          label={t('deletion.typeEmail.label', { email: u.email })}
          value={typedEmail}
          onChange={(e) => setTypedEmail(e.currentTarget.value)}
          autoComplete="off"
        />
        <PreviewProblems problems={problems.filter((p) => p.step !== 'confirm' || typedEmail)} error={previewError} loading={false} />
        {apply.error && (
          <Alert color="red" title={t('deletion.notDeleted')}>
            {errorMessage(apply.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(3)}>
            {t('deletion.back')}
          </Button>
          <Button
            color="red"
            disabled={typedEmail.trim().toLowerCase() !== u.email.toLowerCase() || !preview.data?.ready || preview.isFetching}
            loading={apply.isPending}
            onClick={submit}
          >
            {t('deletion.deleteUser')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
