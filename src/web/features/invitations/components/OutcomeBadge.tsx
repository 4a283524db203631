import { Badge } from '@mantine/core';
import type { InviteOutcome } from '../../../../contracts/invitations';

const COLORS: Record<InviteOutcome, string> = { invited: 'green', updated: 'blue', renewed: 'teal', unchanged: 'gray', rejected: 'red' };

export function OutcomeBadge({ outcome }: { outcome: InviteOutcome }) {
  return (
    <Badge color={COLORS[outcome]} variant="light" size="sm" style={{ flexShrink: 0 }} miw={92}>
      {outcome}
    </Badge>
  );
}
