import { Alert } from '@mantine/core';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { when } from './when';
import { t } from '../../../../shared/i18n';

/** Why the rest of Sofie is locked: a passkey must be added, or verified after a magic-link sign-in. */
export function SecurityGateAlert({ data }: { data: AccountSecurity }) {
  return (
    <>
      {data.gate === 'PASSKEY_ENROLLMENT_REQUIRED' && (
        <Alert color="orange" title={t('gate.enroll')} role="alert">
          {t('gate.enrollText')}
        </Alert>
      )}
      {data.gate === 'PASSKEY_VERIFICATION_REQUIRED' && (
        <Alert color="orange" title={t('account.confirmIdentity')} role="alert">
          {data.recoveryUntil ? t('gate.recovery', { until: when(data.recoveryUntil) }) : t('gate.verify')}
        </Alert>
      )}
    </>
  );
}
