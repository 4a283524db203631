import type { GroupDetail } from '../../../../contracts/groups';

interface Props {
  g: GroupDetail;
  selected: string[];
}

/** The body of "Remove members?": the first five selected names, how many more, and what stays. */
export function RemoveMembersSummary({ g, selected }: Props) {
  return (
    <>
      {g.members
        .filter((m) => selected.includes(m.id))
        .slice(0, 5)
        .map((m) => m.name || m.email)
        .join(', ')}
      {selected.length > 5 ? ` and ${selected.length - 5} more` : ''} leave {g.name}. Their accounts and roles stay as they are.
    </>
  );
}
