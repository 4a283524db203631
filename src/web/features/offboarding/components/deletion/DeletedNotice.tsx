import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DeleteUserResult } from '../../../../../contracts/offboarding';
import type { UserDetail } from '../../../../../contracts/users';
import { PlanSummaryView } from './PlanSummaryView';
import { t } from '../../../../shared/i18n';
import { formatDate } from '../../../../shared/format';

/** After the deletion: the tombstone, how long it can be restored, and what the plan did. */
export function DeletedNotice({ user: u, done }: { user: UserDetail; done: DeleteUserResult }) {
  return (
    <Card withBorder maw={720}>
      <Stack>
        <Group gap="xs">
          <IconCircleCheck color="green" />
          <Title order={2} size="h3">
            {t('deletion.done.title', { name: u.name })}
          </Title>
        </Group>
        <Text>{t('deletion.done.text', { label: done.tombstone!.label, date: formatDate(done.tombstone!.restoreUntil) })}</Text>
        <PlanSummaryView result={done} />
        <Group>
          <Button component={Link} to="/admin/users">
            {t('deletion.backToUsers')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
