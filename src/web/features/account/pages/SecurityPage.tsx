import { Alert, Loader, Stack, Title } from '@mantine/core';
import { errorMessage } from '../../../shared/api';
import { PasskeyMfaCard } from '../components/security/PasskeyMfaCard';
import { PasskeysCard } from '../components/security/PasskeysCard';
import { RenamePasskeyModal } from '../components/security/RenamePasskeyModal';
import { SecurityGateAlert } from '../components/security/SecurityGateAlert';
import { SessionsCard } from '../components/security/SessionsCard';
import { useAccountSecurity } from '../hooks/useAccountSecurity';
import { usePasskeyRename } from '../hooks/usePasskeyRename';
import { t } from '../../../shared/i18n';

/** Account > Security: Passkey MFA status, registered passkeys and your sessions. */
export function SecurityPage() {
  const { security, refresh, add, remove, revoke, revokeOthers } = useAccountSecurity();
  const renamer = usePasskeyRename(refresh);

  if (security.isLoading) return <Loader aria-label={t('account.loading')} />;
  if (!security.data) return <Alert color="red">{errorMessage(security.error)}</Alert>;
  const data = security.data;

  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <SecurityGateAlert data={data} />

      <PasskeyMfaCard data={data} />

      <PasskeysCard data={data} add={add} remove={remove} onRename={renamer.start} />

      <SessionsCard data={data} revoke={revoke} revokeOthers={revokeOthers} />

      <RenamePasskeyModal renamer={renamer} />
    </Stack>
  );
}
