import { NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { IDLE_LOGOUT_MAX, IDLE_LOGOUT_MIN, IDLE_LOGOUT_OPTIONS, SECURITY_POLICY_LABELS, type RoleSecurityPolicy } from '../../../../contracts/roles';

interface Props {
  value: RoleSecurityPolicy;
  onChange: (value: RoleSecurityPolicy) => void;
  readOnly?: boolean;
}

const presetValues = new Set(IDLE_LOGOUT_OPTIONS.map((o) => o.value));

export function idleLogoutError(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (!Number.isInteger(minutes) || minutes < IDLE_LOGOUT_MIN || minutes > IDLE_LOGOUT_MAX) {
    return 'Choose a whole number of minutes between 15 minutes and 24 hours (15 to 1440).';
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
        label={SECURITY_POLICY_LABELS.requirePasskeyEnrollment}
        description="Holders must register a passkey before they continue."
        checked={value.requirePasskeyEnrollment}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyEnrollment: e.currentTarget.checked })}
      />
      <Switch
        label={SECURITY_POLICY_LABELS.requirePasskeyAfterMagicLink}
        description="After a magic-link sign-in, holders also confirm with their passkey."
        checked={value.requirePasskeyAfterMagicLink}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyAfterMagicLink: e.currentTarget.checked })}
      />
      <Switch
        label={SECURITY_POLICY_LABELS.requirePasskeyAfterSso}
        description="After a single sign-on, holders also confirm with their passkey (SSO counts as the first factor)."
        checked={value.requirePasskeyAfterSso}
        disabled={readOnly}
        onChange={(e) => onChange({ ...value, requirePasskeyAfterSso: e.currentTarget.checked })}
      />
      <Select
        label={SECURITY_POLICY_LABELS.idleLogoutMinutes}
        description="Sign holders out after this long without activity. The strictest value that applies to a user wins."
        data={[
          ...IDLE_LOGOUT_OPTIONS.map((o) => ({ value: o.value === null ? 'off' : String(o.value), label: o.label })),
          { value: 'custom', label: 'Custom' },
        ]}
        value={selectValue}
        disabled={readOnly}
        allowDeselect={false}
        onChange={(v) => onChange({ ...value, idleLogoutMinutes: v === 'off' || v === null ? null : v === 'custom' ? (custom ? idle : 90) : Number(v) })}
        maw={420}
      />
      {custom && (
        <NumberInput
          label="Custom idle time (minutes)"
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
          System roles keep the default policy.
        </Text>
      )}
    </Stack>
  );
}
