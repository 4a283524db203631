import { NumberInput, Switch, TagsInput } from '@mantine/core';
import type { Draft, SettingsDraft } from '../hooks/useSettingsDraft';
import { SettingsCard } from './SettingsCard';

/** Invitation expiry, allowed email domains, and whether user changes need a business reason. */
export function InvitationSettings({ form, draft, editable }: { form: SettingsDraft; draft: Draft; editable: boolean }) {
  const { set, setDomainError, domainError } = form;
  return (
    <SettingsCard title="Invitations and user changes">
      <NumberInput
        label="Invitation expiry (days)"
        description="How long an invitation link works. Resending starts the period again."
        min={1}
        max={90}
        clampBehavior="strict"
        allowDecimal={false}
        w={220}
        value={draft.invitationExpiryDays}
        onChange={(v) => set('invitationExpiryDays', typeof v === 'number' ? v : Number(v) || 1)}
        readOnly={!editable}
      />
      <TagsInput
        label="Allowed email domains"
        description="Only addresses at these domains can be invited. Leave empty to allow any domain. Press Enter after each domain."
        placeholder={draft.allowedEmailDomains.length ? undefined : 'example.com'}
        value={draft.allowedEmailDomains}
        onChange={(v) => {
          setDomainError(null);
          set(
            'allowedEmailDomains',
            v.map((d) => d.trim().toLowerCase()),
          );
        }}
        splitChars={[',', ' ', ';']}
        clearable={editable}
        readOnly={!editable}
        error={domainError}
      />
      <Switch
        label="Business reason required for user changes"
        description="Role, group, session and invitation changes must say why; the reason is kept in the audit log."
        checked={draft.businessReasonRequired}
        onChange={(e) => set('businessReasonRequired', e.currentTarget.checked)}
        disabled={!editable}
      />
    </SettingsCard>
  );
}
