import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { CONTENT_TYPE_LABELS } from '../../../../../contracts/ownership';
import { ChoiceEditor } from './ChoiceEditor';
import { ItemDecisions } from './ItemDecisions';
import { PlanSummaryView } from './PlanSummaryView';
import { PreviewProblems } from './PreviewProblems';
import type { OwnershipReview } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import type { DeletionPlan } from '../../hooks/useDeletionPlan';

/** Step 2: where owned content goes: one decision for everything, per type, or per item. */
export function OwnershipStep({ user: u, review: r, plan }: { user: UserDetail; review: OwnershipReview; plan: DeletionPlan }) {
  const { all, setAll, byType, setByType, perItem, setPerItem, preview, stepProblems, previewError, blocked, setStep } = plan;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Ownership review
        </Title>
        <Text size="sm" c="dimmed">
          Transfer each item to a named active user or keep it for the team under the organization. The most specific decision wins: item, then type, then
          everything.
        </Text>
        <Group align="flex-end">
          <ChoiceEditor label="Everything" choice={all} onChange={setAll} exclude={[u.id]} />
        </Group>
        <Table aria-label="Owned content">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th>Owned</Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.owned.map((t) => (
              <Table.Tr key={t.type} data-testid={`type-${t.type}`}>
                <Table.Td>{CONTENT_TYPE_LABELS[t.type]}</Table.Td>
                <Table.Td>{t.count}</Table.Td>
                <Table.Td>
                  {t.count > 0 && (
                    <ChoiceEditor
                      label={`${CONTENT_TYPE_LABELS[t.type]} decision`}
                      hideLabel
                      choice={byType[t.type] ?? null}
                      onChange={(c) => setByType((prev) => ({ ...prev, [t.type]: c }))}
                      exclude={[u.id]}
                      inherit="As for everything"
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
            Back
          </Button>
          <Button disabled={blocked('ownership')} onClick={() => setStep(2)}>
            Next: collaborators
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
