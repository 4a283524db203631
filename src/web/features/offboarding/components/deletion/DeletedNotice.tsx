import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DeleteUserResult } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import { PlanSummaryView } from './PlanSummaryView';

/** After the deletion: the tombstone, how long it can be restored, and what the plan did. */
export function DeletedNotice({ user: u, done }: { user: UserDetail; done: DeleteUserResult }) {
  return (
    <Card withBorder maw={720}>
      <Stack>
        <Group gap="xs">
          <IconCircleCheck color="green" />
          <Title order={2} size="h3">
            {u.name} was deleted
          </Title>
        </Group>
        <Text>
          The account is now the tombstone “{done.tombstone!.label}”: audit history stays readable. It can be restored until{' '}
          {done.tombstone!.restoreUntil.slice(0, 10)}; after that, personal data is purged.
        </Text>
        <PlanSummaryView result={done} />
        <Group>
          <Button component={Link} to="/admin/users">
            Back to Users
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
