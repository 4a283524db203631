import { Anchor, Group, Modal, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InactiveUser } from '../../../../contracts/usage';
import { formatDate } from '../../../shared/format';
import { t } from '../../../shared/i18n';

/** The selected inactive accounts, each with a link to its page, where its role can be changed or it can be deactivated. */
export function ReviewInactiveModal({ opened, onClose, chosen }: { opened: boolean; onClose: () => void; chosen: InactiveUser[] }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('overview.inactive.reviewTitle', { count: chosen.length })} size="lg">
      <Stack gap="xs">
        <Text size="sm">{t('overview.inactive.reviewHint')}</Text>
        {chosen.map((u) => (
          <Group key={u.id} justify="space-between">
            <div>
              <Text size="sm" fw={500}>
                {u.name}
              </Text>
              <Text size="xs" c="dimmed">
                {u.email} · {u.lastActiveAt ? t('overview.inactive.lastActive', { date: formatDate(u.lastActiveAt) }) : t('overview.inactive.neverActive')}
              </Text>
            </div>
            <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm">
              {t('overview.inactive.open')}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
