import { Badge } from '@mantine/core';
import type { InviteOutcome } from '../../../../contracts/invitations';
import { t } from '../../../shared/i18n';

const COLORS: Record<InviteOutcome, string> = { invited: 'green', updated: 'blue', renewed: 'teal', unchanged: 'gray', rejected: 'red' };

export function OutcomeBadge({ outcome }: { outcome: InviteOutcome }) {
  return (
    <Badge color={COLORS[outcome]} variant="light" size="sm" style={{ flexShrink: 0 }} miw={92}>
      {t(`invitations.outcome.${outcome}`)}
    </Badge>
  );
}
