import { Code, Text } from '@mantine/core';
import type { SsoConnection } from '../../../../contracts/sso';
import { t } from '../../../shared/i18n';

/** How the product authenticates at the token endpoint; for private-key JWT, where the IdP reads its public key. */
export function ClientAuthentication({ connection }: { connection: SsoConnection }) {
  if (connection.tokenAuthMethod === 'client_secret_basic') {
    return (
      <Text size="xs" c="dimmed">
        {connection.clientSecretSet ? t('sso.clientAuth.secretSet') : t('sso.clientAuth.secretNotSet')}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      {t('sso.clientAuth.jwtText')} <Code>{connection.jwksUrl}</Code>
    </Text>
  );
}
