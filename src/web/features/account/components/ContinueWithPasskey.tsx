import { Alert, Button, Stack } from '@mantine/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { IconFingerprint } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { passkeyErrorMessage, signInWithPasskey } from '../api';
import { t } from '../../../shared/i18n';

/** "Continue with passkey" on the sign-in page: discoverable credentials, no email to type. */
export function ContinueWithPasskey({ next }: { next: string | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!browserSupportsWebAuthn()) return null;

  async function go() {
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithPasskey();
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      void navigate(next && next.startsWith('/') ? next : result.redirectTo, { replace: true });
    } catch (e) {
      setError(passkeyErrorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs">
      <Button variant="default" leftSection={<IconFingerprint size={18} />} onClick={() => void go()} loading={busy} fullWidth>
        {t('passkey.continue')}
      </Button>
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}
