import { Code, Text } from '@mantine/core';
import type { SsoConnection } from '../../../../contracts/sso';

/** How the product authenticates at the token endpoint; for private-key JWT, where the IdP reads its public key. */
export function ClientAuthentication({ connection }: { connection: SsoConnection }) {
  if (connection.tokenAuthMethod === 'client_secret_basic') {
    return (
      <Text size="xs" c="dimmed">
        Client authentication: client secret {connection.clientSecretSet ? '(set)' : '(not set)'}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      Client authentication: private-key JWT. Give the identity provider this key set URL (or upload its content): <Code>{connection.jwksUrl}</Code>
    </Text>
  );
}
