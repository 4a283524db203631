import { Card, Group, Text, Title } from '@mantine/core';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { t, type PlainMessageKey } from '../../../../shared/i18n';
import { passkeyMfaExplanation } from './passkeyMfaWords';

const MFA_BADGE: Record<AccountSecurity['passkeyMfa']['status'], { label: PlainMessageKey; color: string }> = {
  enabled: { label: 'mfa.enabled', color: 'green' },
  not_set_up: { label: 'mfa.not_set_up', color: 'gray' },
  required: { label: 'mfa.required', color: 'red' },
};

export function PasskeyMfaCard({ data }: { data: AccountSecurity }) {
  const badge = MFA_BADGE[data.passkeyMfa.status];
  return (
    <Card withBorder>
      <Group justify="space-between">
        <div>
          <Title order={2} size="h4">
            {t('mfa.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {passkeyMfaExplanation(data.passkeyMfa)}
          </Text>
        </div>
        <SoftBadge size="lg" color={badge.color} data-testid="passkey-mfa-status">
          {t(badge.label)}
        </SoftBadge>
      </Group>
    </Card>
  );
}
