import { Button, Card, Checkbox, Group, List, Stack, Title } from '@mantine/core';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { t } from '../../../../shared/i18n';

/** Step 1: what deleting does, and a checkbox that the person should lose access. */
export function ConfirmStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { confirmed, setConfirmed, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('deletion.confirm.title')}
        </Title>
        <List size="sm">
          <List.Item>{t('deletion.confirm.sessions')}</List.Item>
          <List.Item>
            {t('deletion.confirm.owns', {
              items: t('deletion.count.contentItems', { count: r.ownedTotal }),
              seats: t('deletion.count.seats', { count: r.collaboratorSeats }),
            })}
          </List.Item>
          <List.Item>
            {t('deletion.confirm.leaves', {
              groups: t('deletion.count.groups', { count: r.groupMemberships }),
              workspaces: t('deletion.count.workspaceMemberships', { count: r.directWorkspaceMemberships }),
            })}
          </List.Item>
          <List.Item>{t('deletion.confirm.restore', { count: r.restoreDays })}</List.Item>
        </List>
        <Checkbox label={t('deletion.confirm.check', { name: u.name })} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button disabled={!confirmed} onClick={() => setStep(1)}>
            {t('deletion.confirm.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
