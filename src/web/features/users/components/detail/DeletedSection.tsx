import { Text } from '@mantine/core';
import { restorable } from '../../../offboarding';
import { DetailSection } from './DetailSection';
import { formatDateTime } from '../../../../shared/format';
import type { SectionProps } from './types';

/**
 * In place of the access sections for a deleted account: there is nothing to change on a deleted
 * user, only what happened (history) and, within the restore period, Restore.
 */
export function DeletedSection({ user }: Pick<SectionProps, 'user'>) {
  return (
    <DetailSection id="deleted" title="This account is deleted" description="It has no access, no role or groups to change, and no sessions.">
      <Text size="sm">
        {restorable(user.restoreUntil)
          ? `It can be restored until ${formatDateTime(user.restoreUntil)}; after that its name and email are purged for good. A restored account comes back deactivated.`
          : 'The restore period has ended: it cannot be restored. Its history stays below.'}
      </Text>
    </DetailSection>
  );
}
