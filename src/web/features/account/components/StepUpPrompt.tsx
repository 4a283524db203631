import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { setStepUpHandler, type ApiError } from '../../../shared/api';
import { passkeyErrorMessage, verifyPasskey } from '../api';
import { t } from '../../../shared/i18n';

/**
 * Before a sensitive action the API may answer STEP_UP_REQUIRED: this asks for the passkey and,
 * once verified, lets the API client complete the action. Mounted once, in the app shell.
 */
export function StepUpPrompt() {
  const [request, setRequest] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setStepUpHandler(
      (apiError) =>
        new Promise<boolean>((resolve) => {
          resolver.current?.(false);
          resolver.current = resolve;
          setError(null);
          setRequest(apiError);
        }),
    );
    return () => setStepUpHandler(null);
  }, []);

  function finish(ok: boolean) {
    resolver.current?.(ok);
    resolver.current = null;
    setRequest(null);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await verifyPasskey();
      finish(true);
    } catch (e) {
      setError(passkeyErrorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={request !== null} onClose={() => finish(false)} title={t('account.confirmIdentity')} centered zIndex={400}>
      <Stack>
        <Text size="sm">{request?.message ?? t('stepUp.needed')}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => finish(false)}>
            {t('account.cancel')}
          </Button>
          <Button leftSection={<IconFingerprint size={16} />} loading={busy} onClick={() => void confirm()}>
            {t('stepUp.use')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
