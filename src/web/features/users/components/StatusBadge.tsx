import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { active: 'green', invited: 'blue', deactivated: 'gray', deleted: 'red', pending: 'blue', expired: 'orange', revoked: 'gray', accepted: 'green' };

/** A dot badge: the colour marks the state, the text stays dark enough to read. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="dot" c="dark.6" tt="none" size="md" fw={500}>
      {status}
    </Badge>
  );
}
