import { NumberInput, Switch, TagsInput } from '@mantine/core';
import { ApiError } from '../../../shared/api';
import { useSettingsSection } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';

const KEYS = ['invitationExpiryDays', 'allowedEmailDomains', 'businessReasonRequired'] as const;

/** Invitation expiry, allowed email domains, and whether user changes need a business reason. A refused domain (INVALID_DOMAIN) shows on the domains field. */
export function InvitationSettings({ editable }: { editable: boolean }) {
  const section = useSettingsSection(KEYS);
  const { values, set, mutation } = section;
  if (!values) return null;
  const domainError = mutation.error instanceof ApiError && mutation.error.code === 'INVALID_DOMAIN' ? mutation.error.message : null;
  return (
    <SettingsSectionCard title="Invitations and user changes" section={section} editable={editable} error={domainError ? null : undefined}>
      <NumberInput
        label="Invitation expiry (days)"
        description="How long an invitation link works. Resending starts the period again."
        min={1}
        max={90}
        clampBehavior="strict"
        allowDecimal={false}
        w={220}
        value={values.invitationExpiryDays}
        onChange={(v) => set('invitationExpiryDays', typeof v === 'number' ? v : Number(v) || 1)}
        readOnly={!editable}
      />
      <TagsInput
        label="Allowed email domains"
        description="Only addresses at these domains can be invited. Leave empty to allow any domain. Press Enter after each domain."
        placeholder={values.allowedEmailDomains.length ? undefined : 'example.com'}
        value={values.allowedEmailDomains}
        onChange={(v) =>
          set(
            'allowedEmailDomains',
            v.map((d) => d.trim().toLowerCase()),
          )
        }
        splitChars={[',', ' ', ';']}
        clearable={editable}
        readOnly={!editable}
        error={domainError}
      />
      <Switch
        label="Business reason required for user changes"
        description="Role, group, session and invitation changes must say why; the reason is kept in the audit log."
        checked={values.businessReasonRequired}
        onChange={(e) => set('businessReasonRequired', e.currentTarget.checked)}
        disabled={!editable}
      />
    </SettingsSectionCard>
  );
}
