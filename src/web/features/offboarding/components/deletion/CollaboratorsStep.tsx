import { Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { ActiveUserPicker } from '../../../../shared/ui/ActiveUserPicker';
import { CollaboratingList } from './CollaboratingList';
import { PreviewProblems } from './PreviewProblems';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { t } from '../../../../shared/i18n';

/** Step 3: replace or remove the collaborator seats the person holds on others’ content. */
export function CollaboratorsStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { seatChoice, setSeatChoice, seatTarget, setSeatTarget, preview, stepProblems, previewError, blocked, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('deletion.seats.title')}
        </Title>
        <Text size="sm">{t('deletion.seats.intro', { name: u.name, items: t('deletion.count.items', { count: r.collaboratorSeats }) })}</Text>
        {r.collaboratorSeats > 0 ? (
          <>
            <Radio.Group label={t('deletion.seats.question')} value={seatChoice ?? ''} onChange={(v) => setSeatChoice(v as 'replace' | 'remove')}>
              <Stack gap="xs" mt={6}>
                <Radio value="replace" label={t('deletion.seats.replace')} />
                <Radio value="remove" label={t('deletion.seats.remove')} />
              </Stack>
            </Radio.Group>
            {seatChoice === 'replace' && (
              <ActiveUserPicker label={t('deletion.seats.replacement')} value={seatTarget} onChange={setSeatTarget} exclude={[u.id]} w={420} />
            )}
            <CollaboratingList userId={u.id} />
          </>
        ) : (
          <Text c="dimmed" size="sm">
            {t('deletion.seats.nothing')}
          </Text>
        )}
        <PreviewProblems problems={stepProblems('collaborators').concat(stepProblems('ownership'))} error={previewError} loading={preview.isFetching} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(1)}>
            {t('deletion.back')}
          </Button>
          <Button disabled={blocked('collaborators') || blocked('ownership')} onClick={() => setStep(3)}>
            {t('deletion.seats.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
