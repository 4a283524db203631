import { Alert, Button, Group } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { verifyAuditChain } from '../api';

/** "Verify integrity": recomputes the organization's audit hash chain on the server and says whether it holds, or where it breaks. */
export function ChainCheck() {
  const check = useMutation({ mutationFn: verifyAuditChain });
  const result = check.data;
  return (
    <Group align="flex-start" gap="sm" mb="md">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} onClick={() => check.mutate()} loading={check.isPending}>
        Verify integrity
      </Button>
      {check.error && (
        <Alert color="red" title="The check could not run" py={6}>
          {errorMessage(check.error)}
        </Alert>
      )}
      {result?.ok && (
        <Alert color="green" title="The audit log is intact" py={6}>
          {result.checked.toLocaleString()} chained events verified
          {result.redactedEvents > 0 ? `, ${result.redactedEvents.toLocaleString()} with personal data erased by purges` : ''}
          {result.legacyEvents > 0 ? `; ${result.legacyEvents.toLocaleString()} older events predate the chain` : ''}.
        </Alert>
      )}
      {result && !result.ok && result.firstBroken && (
        <Alert color="red" title="The audit log was altered" py={6}>
          {result.firstBroken.message}
          {result.firstBroken.eventId ? ` (event ${result.firstBroken.eventId})` : ''}
        </Alert>
      )}
    </Group>
  );
}
