import { Badge } from '@mantine/core';
import { tOr } from '../i18n';

const COLORS: Record<string, string> = {
  active: 'green',
  invited: 'blue',
  deactivated: 'gray',
  deleted: 'red',
  pending: 'blue',
  expired: 'orange',
  revoked: 'gray',
  accepted: 'green',
  disabled: 'gray',
  sending: 'blue',
  delivered: 'green',
  failed: 'red',
};

/**
 * A dot badge: the colour marks the state, the text stays dark enough to read. It never shrinks below
 * its word: in a crowded table row the badge's own ellipsis cut "active" down to "a…".
 */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={COLORS[status] ?? 'gray'}
      variant="dot"
      c="var(--mantine-color-text)"
      tt="none"
      size="md"
      fw={500}
      styles={{ label: { overflow: 'visible' } }}
    >
      {tOr(`statusBadge.${status}`, status)}
    </Badge>
  );
}
