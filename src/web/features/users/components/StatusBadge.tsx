import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { active: 'green', invited: 'blue', deactivated: 'gray', deleted: 'red', pending: 'blue', expired: 'orange', revoked: 'gray', accepted: 'green' };

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {status}
    </Badge>
  );
}
