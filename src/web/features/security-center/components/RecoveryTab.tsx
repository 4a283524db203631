import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AuditEvent } from '../../../../contracts/audit';
import { useCan } from '../../../shared/useMe';
import { EventDrawer } from './EventDrawer';
import { EventsTable } from './EventsTable';
import { RestorableUsers } from './RestorableUsers';
import { t } from '../../../shared/i18n';

const RECOVERY_VIEW = { scope: 'recovery' } as const;

/** Security Center > Recovery: restores, reactivations, passkey recovery and removal, purges (who and why), and who can still be restored. */
export function RecoveryTab() {
  const can = useCan();
  const [open, setOpen] = useState<AuditEvent | null>(null);
  return (
    <Stack gap="xl">
      {can('users.view') && <RestorableUsers />}
      <div>
        <Title order={2} size="h4" mb={4}>
          {t('security.recovery.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('security.recovery.intro')}
        </Text>
        <EventsTable view={RECOVERY_VIEW} onOpen={setOpen} empty={t('security.recovery.none')} />
      </div>
      <EventDrawer event={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
