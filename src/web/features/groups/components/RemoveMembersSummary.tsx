import type { GroupDetail } from '../../../../contracts/groups';
import { t } from '../../../shared/i18n';

interface Props {
  g: GroupDetail;
  selected: string[];
}

/** The body of "Remove members?": the first five selected names, how many more, and what stays. */
export function RemoveMembersSummary({ g, selected }: Props) {
  const names = g.members
    .filter((m) => selected.includes(m.id))
    .slice(0, 5)
    .map((m) => m.name || m.email)
    .join(', ');
  const more = selected.length - 5;
  return <>{more > 0 ? t('group.remove.summaryMore', { names, count: more, group: g.name }) : t('group.remove.summary', { names, group: g.name })}</>;
}
