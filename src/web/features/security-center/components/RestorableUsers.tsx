import { Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePages } from '../../../shared/usePages';
import { OffboardingActions } from '../../offboarding';
import { fetchRestorableUsers } from '../api';
import { t } from '../../../shared/i18n';

/** Deleted users still inside the 30-day restore period, with "Restore" for those who may restore. */
export function RestorableUsers() {
  // Under ['users', ...]: a restore refreshes the users queries, and this list with them.
  const restorable = usePages(['users', 'restorable'], fetchRestorableUsers);
  return (
    <div>
      <Title order={2} size="h4" mb="xs">
        {t('security.restorable.title')}
      </Title>
      {restorable.error ? (
        <LoadFailure error={restorable.error} title={t('security.restorable.loadFailed')} />
      ) : restorable.data?.items.length === 0 ? (
        <Text c="dimmed">{t('security.restorable.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.restorable.user')}</Table.Th>
              <Table.Th>{t('security.restorable.deleted')}</Table.Th>
              <Table.Th>{t('security.restorable.until')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(restorable.data?.items ?? []).map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.label}</Table.Td>
                <Table.Td>{formatDateTime(user.deletedAt)}</Table.Td>
                <Table.Td>{formatDateTime(user.restoreUntil)}</Table.Td>
                <Table.Td>
                  <OffboardingActions user={{ id: user.id, name: user.label, email: '', status: 'deleted', restoreUntil: user.restoreUntil }} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore {...restorable.more} />
    </div>
  );
}
