import { NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { IDLE_LOGOUT_MAX, IDLE_LOGOUT_MIN, IDLE_LOGOUT_OPTIONS, type RoleSecurityPolicy } from '../../../../contracts/roles';
import { t, tOr } from '../../../shared/i18n';

interface Props {
  value: RoleSecurityPolicy;
  onChange: (value: RoleSecurityPolicy) => void;
  readOnly?: boolean;
}

const presetValues = new Set(IDLE_LOGOUT_OPTIONS.map((o) => o.value));

export function idleLogoutError(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (!Number.isInteger(minutes) || minutes < IDLE_LOGOUT_MIN || minutes > IDLE_LOGOUT_MAX) {
    return t('roleEditor.idleError');
  }
  return null;
}

/** "Configure security policy": passkey rules (enforced by the passkeys feature) and idle auto logout. */
export function SecurityPolicyFields({ value, onChange, readOnly }: Props) {
  const idle = value.idleLogoutMinutes;
  const custom = idle !== null && !presetValues.has(idle);
  const selectValue = idle === null ? 'off' : custom ? 'custom' : String(idle);
  return (
    <Stack gap="sm">
      <Switch
        label={t('roleEditor.policy.requirePasskeyEnrollment')}
        description={t('roleEditor.policy.requirePasskeyEnrollment.description')}
        checked={value.requirePasskeyEnrollment}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyEnrollment: e.currentTarget.checked })}
      />
      <Switch
        label={t('roleEditor.policy.requirePasskeyAfterMagicLink')}
        description={t('roleEditor.policy.requirePasskeyAfterMagicLink.description')}
        checked={value.requirePasskeyAfterMagicLink}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyAfterMagicLink: e.currentTarget.checked })}
      />
      <Switch
        label={t('roleEditor.policy.requirePasskeyAfterSso')}
        description={t('roleEditor.policy.requirePasskeyAfterSso.description')}
        checked={value.requirePasskeyAfterSso}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyAfterSso: e.currentTarget.checked })}
      />
      <Select
        label={t('roleEditor.policy.idleLogoutMinutes')}
        description={t('roleEditor.policy.idleLogoutMinutes.description')}
        data={[
          ...IDLE_LOGOUT_OPTIONS.map((o) => ({
            value: o.value === null ? 'off' : String(o.value),
            label: tOr(`roleEditor.idle.${o.value ?? 'off'}`, o.label),
          })),
          { value: 'custom', label: t('roleEditor.idle.custom') },
        ]}
        value={selectValue}
        disabled={readOnly}
        allowDeselect={false}
        onChange={(v) => onChange({ ...value, idleLogoutMinutes: v === 'off' || v === null ? null : v === 'custom' ? (custom ? idle : 90) : Number(v) })}
        maw={420}
      />
      {custom && (
        <NumberInput
          label={t('roleEditor.idle.customMinutes')}
          min={IDLE_LOGOUT_MIN}
          max={IDLE_LOGOUT_MAX}
          allowDecimal={false}
          value={idle ?? ''}
          disabled={readOnly}
          error={idleLogoutError(idle)}
          onChange={(v) => onChange({ ...value, idleLogoutMinutes: typeof v === 'number' ? v : Number.NaN })}
          w={260}
        />
      )}
      {readOnly && (
        <Text size="xs" c="dimmed">
          {t('roleEditor.policy.systemDefault')}
        </Text>
      )}
    </Stack>
  );
}
