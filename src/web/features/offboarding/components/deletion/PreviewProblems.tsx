import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PlanProblem } from '../../../../../contracts/offboarding';
import { t } from '../../../../shared/i18n';

/** What the server's dry run says still stands in the way. */
export function PreviewProblems({ problems, error, loading }: { problems: PlanProblem[]; error: string | null; loading: boolean }) {
  if (error)
    return (
      <Alert color="red" title={t('deletion.problems.cannotApply')}>
        {error}
      </Alert>
    );
  if (loading || problems.length === 0) return null;
  return (
    <Alert color="orange" title={t('deletion.problems.title')} icon={<IconAlertTriangle />}>
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p.code + p.step}>
            {p.message}
            {p.code === 'OWNERSHIP_DECISION_MISSING' && t('deletion.problems.undecided', { count: (p.details as { count: number }).count })}
            {p.code === 'TRANSFER_TARGET_NOT_ACTIVE' &&
              ` (${(p.details as { users: { name: string; status: string }[] }).users.map((x) => `${x.name}: ${x.status}`).join(', ')})`}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
