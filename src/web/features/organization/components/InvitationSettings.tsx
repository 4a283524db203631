import { NumberInput, Switch, TagsInput } from '@mantine/core';
import { ApiError, errorMessage } from '../../../shared/api';
import { useSettingsSection } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';
import { t } from '../../../shared/i18n';

const KEYS = ['invitationExpiryDays', 'allowedEmailDomains', 'businessReasonRequired'] as const;

/** Invitation expiry, allowed email domains, and whether user changes need a business reason. A refused domain (INVALID_DOMAIN) shows on the domains field. */
export function InvitationSettings({ editable }: { editable: boolean }) {
  const section = useSettingsSection(KEYS);
  const { values, set, mutation } = section;
  if (!values) return null;
  const domainError = mutation.error instanceof ApiError && mutation.error.code === 'INVALID_DOMAIN' ? errorMessage(mutation.error) : null;
  return (
    <SettingsSectionCard
      title={t('settings.invitations')}
      what={t('settings.invitations.what')}
      section={section}
      editable={editable}
      error={domainError ? null : undefined}
    >
      <NumberInput
        label={t('settings.expiry')}
        description={t('settings.expiry.description')}
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
        label={t('settings.domains')}
        description={t('settings.domains.description')}
        placeholder={values.allowedEmailDomains.length ? undefined : t('settings.domains.placeholder')}
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
        label={t('settings.reasonRequired')}
        description={t('settings.reasonRequired.description')}
        checked={values.businessReasonRequired}
        onChange={(e) => set('businessReasonRequired', e.currentTarget.checked)}
        disabled={!editable}
      />
    </SettingsSectionCard>
  );
}
