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
import { formatDateTime } from '../../../../shared/format';
import { useUserUpdated } from './useUserUpdated';
import { t, tRich } from '../../../../shared/i18n';

const REASONS: Record<string, string> = {
  role: t('user.passkeys.reason.role'),
  organization_all: t('user.passkeys.reason.organization_all'),
  organization_privileged: t('user.passkeys.reason.organization_privileged'),
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
      title={t('user.passkeys.title')}
      description={t('user.passkeys.description')}
      actions={
        mayAllowRecovery && (
          <Button variant="light" leftSection={<IconLifebuoy size={16} />} onClick={() => setRecovering(true)}>
            {t('user.passkeys.allowRecovery')}
          </Button>
        )
      }
    >
      <Group gap="sm">
        <Text fw={600} size="lg" data-testid="passkey-count">
          {p.count === 0 ? t('user.passkeys.none') : t('user.passkeys.count', { count: p.count })}
        </Text>
        {p.synced > 0 && <SoftBadge color="indigo">{t('user.passkeys.synced', { count: p.synced })}</SoftBadge>}
        {p.deviceBound > 0 && <SoftBadge color="gray">{t('user.passkeys.deviceBound', { count: p.deviceBound })}</SoftBadge>}
        {p.required && <SoftBadge color={missing ? 'red' : 'green'}>{missing ? t('user.passkeys.missing') : t('user.passkeys.met')}</SoftBadge>}
        {p.recoveryUntil && <SoftBadge color="orange">{t('user.passkeys.recoveryUntil', { date: formatDateTime(p.recoveryUntil) })}</SoftBadge>}
      </Group>
      <Text size="sm" c="dimmed">
        {p.required
          ? t('user.passkeys.required', { reasons: p.requiredBy.map((r) => REASONS[r] ?? r).join(t('common.separator.clauses')) })
          : t('user.passkeys.notRequired')}
        {p.afterMagicLink ? t('user.passkeys.afterMagicLink') : ''}
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
      title={t('user.passkeys.recovery.title')}
      confirmLabel={t('user.passkeys.recovery.confirm')}
      color="orange.8"
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        const { recoveryUntil } = await allowPasskeyRecovery(user.id, reason);
        updated(null, user.id);
        notifications.show({
          color: 'green',
          message: t('user.passkeys.recovery.allowed', { name: user.name, date: formatDateTime(recoveryUntil) }),
        });
      }}
    >
      <Text size="sm">{tRich('user.passkeys.recovery.explain', { name: <span translate="no">{user.name}</span> })}</Text>
    </ConfirmWithReasonModal>
  );
}
