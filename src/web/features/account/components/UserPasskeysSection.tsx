import { Group, Text } from '@mantine/core';
import { SoftBadge } from '../../users/components/detail/SoftBadge';
import type { SectionProps } from '../../users/components/detail/types';
import { DetailSection } from '../../users/components/detail/DetailSection';

const REASONS: Record<string, string> = {
  role: 'the role requires a passkey',
  organization_all: 'the organization requires passkeys for all users',
  organization_privileged: 'the organization requires passkeys for privileged users',
};

/** The user's passkeys on the user detail page, against the policies that apply to them. */
export function UserPasskeysSection({ user }: SectionProps) {
  const p = user.passkeys;
  const missing = p.required && p.count === 0;
  return (
    <DetailSection id="passkeys" title="Passkeys" description="Users add and remove their own passkeys in Account security.">
      <Group gap="sm">
        <Text fw={600} size="lg" data-testid="passkey-count">{p.count === 0 ? 'No passkey' : `${p.count} passkey${p.count === 1 ? '' : 's'}`}</Text>
        {p.synced > 0 && <SoftBadge color="indigo">{p.synced} synced</SoftBadge>}
        {p.deviceBound > 0 && <SoftBadge color="gray">{p.deviceBound} device-bound</SoftBadge>}
        {p.required && <SoftBadge color={missing ? 'red' : 'green'}>{missing ? 'Required, missing' : 'Policy met'}</SoftBadge>}
      </Group>
      <Text size="sm" c="gray.7">
        {p.required ? `Required: ${p.requiredBy.map((r) => REASONS[r] ?? r).join('; ')}.` : 'No policy requires a passkey for this user.'}
        {p.afterMagicLink ? ' A passkey check is also required after each magic-link sign-in.' : ''}
      </Text>
    </DetailSection>
  );
}
