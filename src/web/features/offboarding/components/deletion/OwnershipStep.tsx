import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ChoiceEditor } from './ChoiceEditor';
import { ItemDecisions } from './ItemDecisions';
import { PlanSummaryView } from './PlanSummaryView';
import { PreviewProblems } from './PreviewProblems';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';
import { t } from '../../../../shared/i18n';

/** Step 2: where owned content goes: one decision for everything, per type, or per item. */
export function OwnershipStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { all, setAll, byType, setByType, perItem, setPerItem, preview, stepProblems, previewError, blocked, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('deletion.ownership.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('deletion.ownership.intro')}
        </Text>
        <Group align="flex-end">
          <ChoiceEditor label={t('deletion.ownership.everything')} choice={all} onChange={setAll} exclude={[u.id]} />
        </Group>
        <Table aria-label={t('deletion.ownership.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deletion.ownership.type')}</Table.Th>
              <Table.Th>{t('deletion.ownership.owned')}</Table.Th>
              <Table.Th>{t('deletion.ownership.decision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.owned.map((owned) => (
              <Table.Tr key={owned.type} data-testid={`type-${owned.type}`}>
                <Table.Td>{t(`content.type.${owned.type}`)}</Table.Td>
                <Table.Td>{owned.count}</Table.Td>
                <Table.Td>
                  {owned.count > 0 && (
                    <ChoiceEditor
                      label={t('deletion.ownership.typeDecision', { type: t(`content.type.${owned.type}`) })}
                      hideLabel
                      choice={byType[owned.type] ?? null}
                      onChange={(c) => setByType((prev) => ({ ...prev, [owned.type]: c }))}
                      exclude={[u.id]}
                      inherit={t('deletion.ownership.asForEverything')}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ItemDecisions userId={u.id} perItem={perItem} setPerItem={setPerItem} />
        <PreviewProblems problems={stepProblems('ownership')} error={previewError} loading={preview.isFetching} />
        {preview.data && <PlanSummaryView result={preview.data} compact />}
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(0)}>
            {t('deletion.back')}
          </Button>
          <Button disabled={blocked('ownership')} onClick={() => setStep(2)}>
            {t('deletion.ownership.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
