import { TextInput } from '@mantine/core';
import { useSettingsSection } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';
import { t } from '../../../shared/i18n';

const KEYS = ['name'] as const;

/** The organization's name. */
export function GeneralSettings({ editable }: { editable: boolean }) {
  const section = useSettingsSection(KEYS);
  if (!section.values) return null;
  const blank = section.values.name.trim() === '';
  return (
    <SettingsSectionCard title={t('settings.general')} what={t('settings.general.what')} section={section} editable={editable} valid={!blank}>
      <TextInput
        label={t('settings.orgName')}
        withAsterisk
        maxLength={200}
        value={section.values.name}
        onChange={(e) => section.set('name', e.currentTarget.value)}
        readOnly={!editable}
        error={blank ? t('settings.orgNameRequired') : undefined}
      />
    </SettingsSectionCard>
  );
}
