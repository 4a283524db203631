import { TextInput } from '@mantine/core';
import { useSettingsSection } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';

const KEYS = ['name'] as const;

/** The organization's name. */
export function GeneralSettings({ editable }: { editable: boolean }) {
  const section = useSettingsSection(KEYS);
  if (!section.values) return null;
  const blank = section.values.name.trim() === '';
  return (
    <SettingsSectionCard title="General" section={section} editable={editable} valid={!blank}>
      <TextInput
        label="Organization name"
        withAsterisk
        maxLength={200}
        value={section.values.name}
        onChange={(e) => section.set('name', e.currentTarget.value)}
        readOnly={!editable}
        error={blank ? 'The organization needs a name.' : undefined}
      />
    </SettingsSectionCard>
  );
}
