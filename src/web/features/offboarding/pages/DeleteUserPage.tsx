import { Alert, Anchor, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { fetchOwnershipReview, fetchUser } from '../api';
import { CollaboratorsStep } from '../components/deletion/CollaboratorsStep';
import { ConfirmStep } from '../components/deletion/ConfirmStep';
import { DeletedNotice } from '../components/deletion/DeletedNotice';
import { OwnershipStep } from '../components/deletion/OwnershipStep';
import { ReasonStep } from '../components/deletion/ReasonStep';
import { TypeEmailStep } from '../components/deletion/TypeEmailStep';
import { useDeletionPlan } from '../hooks/useDeletionPlan';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

const STEPS = ['confirm', 'ownership', 'collaborators', 'reason', 'typeEmail'] as const;

/** The Delete wizard: the same steps as POST /api/users/:id/delete, previewed with dry runs. */
export function DeleteUserPage() {
  const { id = '' } = useParams();
  const user = useQuery({ queryKey: ['user', id], queryFn: () => fetchUser(id) });
  const review = useQuery({ queryKey: ['ownership', id], queryFn: () => fetchOwnershipReview(id) });
  const plan = useDeletionPlan(id, !!review.data);
  const { step, setStep } = plan;

  if (user.isLoading || review.isLoading) return <Loader />;
  if (forbiddenPermission(user.error ?? review.error)) return <LoadFailure error={user.error ?? review.error} title={t('deletion.cannotDelete')} />;
  if (user.error || review.error) {
    return (
      <Alert color="red" title={t('deletion.cannotDelete')} icon={<IconAlertTriangle />}>
        {errorMessage(user.error ?? review.error)}{' '}
        <Anchor component={Link} to="/admin/users">
          {t('deletion.backToUsers')}
        </Anchor>
      </Alert>
    );
  }
  const u = user.data!;
  const r = review.data!;

  if (plan.done) return <DeletedNotice user={u} done={plan.done} />;

  return (
    <Stack maw={1000}>
      <div>
        <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm">
          ← {u.name}
        </Anchor>
        <Title order={1} size="h2">
          {t('deletion.title', { name: u.name })}
        </Title>
        <Text c="dimmed">{u.email}</Text>
      </div>
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
        {STEPS.map((key) => (
          <Stepper.Step key={key} label={t(`deletion.step.${key}`)} />
        ))}
      </Stepper>

      {step === 0 && <ConfirmStep user={u} review={r} plan={plan} />}
      {step === 1 && <OwnershipStep user={u} review={r} plan={plan} />}
      {step === 2 && <CollaboratorsStep user={u} review={r} plan={plan} />}
      {step === 3 && <ReasonStep review={r} plan={plan} />}
      {step === 4 && <TypeEmailStep user={u} plan={plan} />}
    </Stack>
  );
}
