import { Text } from '@mantine/core';
import { restorable } from '../../../offboarding';
import { DetailSection } from './DetailSection';
import { formatDateTime } from '../../../../shared/format';
import type { SectionProps } from './types';
import { t } from '../../../../shared/i18n';

/**
 * In place of the access sections for a deleted account: there is nothing to change on a deleted
 * user, only what happened (history) and, within the restore period, Restore.
 */
export function DeletedSection({ user }: Pick<SectionProps, 'user'>) {
  return (
    <DetailSection id="deleted" title={t('user.deleted.title')} description={t('user.deleted.description')}>
      <Text size="sm">
        {restorable(user.restoreUntil) ? t('user.deleted.restorable', { date: formatDateTime(user.restoreUntil) }) : t('user.deleted.notRestorable')}
      </Text>
    </DetailSection>
  );
}
