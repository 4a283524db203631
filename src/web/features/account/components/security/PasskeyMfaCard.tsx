import { Card, Group, Text, Title } from '@mantine/core';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';

const MFA_BADGE: Record<AccountSecurity['passkeyMfa']['status'], { label: string; color: string }> = {
  enabled: { label: 'Enabled', color: 'green' },
  not_set_up: { label: 'Not set up', color: 'gray' },
  required: { label: 'Required by policy', color: 'red' },
};

export function PasskeyMfaCard({ data }: { data: AccountSecurity }) {
  const badge = MFA_BADGE[data.passkeyMfa.status];
  return (
    <Card withBorder>
      <Group justify="space-between">
        <div>
          <Title order={2} size="h4">
            Passkey MFA
          </Title>
          <Text size="sm" c="dimmed">
            {data.passkeyMfa.explanation}
          </Text>
        </div>
        <SoftBadge size="lg" color={badge.color} data-testid="passkey-mfa-status">
          {badge.label}
        </SoftBadge>
      </Group>
    </Card>
  );
}
