import { Alert, Button, Group } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { verifyAuditChain } from '../api';
import { t } from '../../../shared/i18n';

/** "Verify integrity": recomputes the organization's audit hash chain on the server and says whether it holds, or where it breaks. */
export function ChainCheck() {
  const check = useMutation({ mutationFn: verifyAuditChain });
  const result = check.data;
  return (
    <Group align="flex-start" gap="sm" mb="md">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} onClick={() => check.mutate()} loading={check.isPending}>
        {t('security.chain.verify')}
      </Button>
      {check.error && (
        <Alert color="red" title={t('security.chain.couldNotRun')} py={6}>
          {errorMessage(check.error)}
        </Alert>
      )}
      {result?.ok && (
        <Alert color="green" title={t('security.chain.intact')} py={6}>
          {t('security.chain.verified', { count: result.checked })}
          {result.redactedEvents > 0 ? t('security.chain.redacted', { count: result.redactedEvents }) : ''}
          {result.legacyEvents > 0 ? t('security.chain.legacy', { count: result.legacyEvents }) : ''}.
        </Alert>
      )}
      {result && !result.ok && result.firstBroken && (
        <Alert color="red" title={t('security.chain.altered')} py={6}>
          {result.firstBroken.message}
          {result.firstBroken.eventId ? t('security.chain.atEvent', { id: result.firstBroken.eventId }) : ''}
        </Alert>
      )}
    </Group>
  );
}
