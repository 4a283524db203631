import { Group, Select } from '@mantine/core';
import { ActiveUserPicker } from '../../../../shared/ui/ActiveUserPicker';
import type { Choice } from './choice';
import { t } from '../../../../shared/i18n';

/** Transfer to a picked active user, keep for the organization, or (cleared) inherit the broader decision. */
export function ChoiceEditor({
  label,
  hideLabel,
  choice,
  onChange,
  exclude,
  inherit,
}: {
  label: string;
  hideLabel?: boolean;
  choice: Choice;
  onChange: (c: Choice) => void;
  exclude: string[];
  inherit?: string;
}) {
  const value = choice ? choice.action : '';
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <Select
        label={hideLabel ? undefined : label}
        aria-label={label}
        placeholder={inherit ?? t('deletion.choice.choose')}
        clearable
        w={240}
        data={[
          { value: 'transfer', label: t('deletion.choice.transfer') },
          { value: 'keep', label: t('deletion.choice.keep') },
        ]}
        value={value || null}
        onChange={(v) => onChange(v === 'keep' ? { action: 'keep' } : v === 'transfer' ? { action: 'transfer', to: null } : null)}
      />
      {choice?.action === 'transfer' && (
        <ActiveUserPicker
          label={t('deletion.choice.newOwner', { label })}
          value={choice.to}
          onChange={(to) => onChange({ action: 'transfer', to })}
          exclude={exclude}
          w={320}
        />
      )}
    </Group>
  );
}
