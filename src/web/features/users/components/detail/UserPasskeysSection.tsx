import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmWithReasonModal } from '../../../../shared/reason/ConfirmWithReasonModal';
import { useCan, useMe } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { allowPasskeyRecovery } from '../../detail-api';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import type { SectionProps } from './types';
import { DetailSection } from './DetailSection';
import { formatDateTime, plural } from '../../../../shared/format';
import { useUserUpdated } from './useUserUpdated';

const REASONS: Record<string, string> = {
  role: 'the role requires a passkey',
  organization_all: 'the organization requires passkeys for all users',
  organization_privileged: 'the organization requires passkeys for privileged users',
};

/** The user's passkeys on the user detail page, against the policies that apply to them. */
export function UserPasskeysSection({ user }: SectionProps) {
  const can = useCan();
  const me = useMe().data;
  const [recovering, setRecovering] = useState(false);
  const p = user.passkeys;
  const missing = p.required && p.count === 0;
  // Someone who lost their only passkeys cannot pass "passkey after magic link" on their own.
  const mayAllowRecovery = can('users.manage_sessions') && user.status === 'active' && p.count > 0 && user.id !== me?.user.id;
  return (
    <DetailSection
      id="passkeys"
      title="Passkeys"
      description="Users add and remove their own passkeys in Account security."
      actions={
        mayAllowRecovery && (
          <Button variant="light" leftSection={<IconLifebuoy size={16} />} onClick={() => setRecovering(true)}>
            Allow passkey recovery
          </Button>
        )
      }
    >
      <Group gap="sm">
        <Text fw={600} size="lg" data-testid="passkey-count">
          {p.count === 0 ? 'No passkey' : plural(p.count, 'passkey', 'passkeys')}
        </Text>
        {p.synced > 0 && <SoftBadge color="indigo">{p.synced} synced</SoftBadge>}
        {p.deviceBound > 0 && <SoftBadge color="gray">{p.deviceBound} device-bound</SoftBadge>}
        {p.required && <SoftBadge color={missing ? 'red' : 'green'}>{missing ? 'Required, missing' : 'Policy met'}</SoftBadge>}
        {p.recoveryUntil && <SoftBadge color="orange">Recovery allowed until {formatDateTime(p.recoveryUntil)}</SoftBadge>}
      </Group>
      <Text size="sm" c="dimmed">
        {p.required ? `Required: ${p.requiredBy.map((r) => REASONS[r] ?? r).join('; ')}.` : 'No policy requires a passkey for this user.'}
        {p.afterMagicLink ? ' A passkey check is also required after each magic-link sign-in.' : ''}
      </Text>
      {recovering && <RecoveryModal user={user} onClose={() => setRecovering(false)} />}
    </DetailSection>
  );
}

function RecoveryModal({ user, onClose }: { user: SectionProps['user']; onClose: () => void }) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  return (
    <ConfirmWithReasonModal
      title="Allow passkey recovery"
      confirmLabel="Allow recovery"
      color="orange.8"
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        const { recoveryUntil } = await allowPasskeyRecovery(user.id, reason);
        updated(null, user.id);
        notifications.show({
          color: 'green',
          message: `${user.name} can add a new passkey after signing in with an email link, once, until ${formatDateTime(recoveryUntil)}.`,
        });
      }}
    >
      <Text size="sm">
        For someone who lost their passkey: after signing in with an email link, {user.name} may add one new passkey without using the old one, once, within 24
        hours. Confirm who is asking (for example by a call you place to a number you know) before you allow it. This is recorded in the audit log.
      </Text>
    </ConfirmWithReasonModal>
  );
}
