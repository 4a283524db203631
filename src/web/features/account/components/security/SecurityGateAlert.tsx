import { Alert } from '@mantine/core';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { when } from './when';

/** Why the rest of Sofie is locked: a passkey must be added, or verified after a magic-link sign-in. */
export function SecurityGateAlert({ data }: { data: AccountSecurity }) {
  return (
    <>
      {data.gate === 'PASSKEY_ENROLLMENT_REQUIRED' && (
        <Alert color="orange" title="Add a passkey to continue" role="alert">
          Your organization requires a passkey for your account. Add one here; until then, the rest of Sofie stays locked.
        </Alert>
      )}
      {data.gate === 'PASSKEY_VERIFICATION_REQUIRED' && (
        <Alert color="orange" title="Confirm it’s you" role="alert">
          {data.recoveryUntil
            ? `Your role requires a passkey check after a magic-link sign-in. An administrator allowed you to add a new passkey instead, once, until ${when(data.recoveryUntil)}.`
            : 'Your role requires a passkey check after a magic-link sign-in: use a registered passkey. If you lost it, ask an administrator to allow a passkey recovery.'}
        </Alert>
      )}
    </>
  );
}
