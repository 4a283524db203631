import { Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { t, type PlainMessageKey } from '../shared/i18n';

const CHOICES: { value: MantineColorScheme; label: PlainMessageKey }[] = [
  { value: 'light', label: 'shell.theme.light' },
  { value: 'dark', label: 'shell.theme.dark' },
  { value: 'auto', label: 'shell.theme.system' },
];

/** "Theme" in the account menu: Light, Dark or System (follows the device), one radio group, remembered in this browser. */
export function ColorSchemeMenuItems() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <Menu.Label>{t('shell.theme')}</Menu.Label>
      <Menu.RadioGroup value={colorScheme} onChange={(value) => setColorScheme(value as MantineColorScheme)}>
        {CHOICES.map(({ value, label }) => (
          <Menu.RadioItem key={value} value={value} closeMenuOnClick={false}>
            {t(label)}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </>
  );
}
