import { Button, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useOrganizationSwitch } from '../hooks/useOrganizationSwitch';
import { t } from '../../../shared/i18n';

/**
 * The organization in the header. For an address with accounts in several organizations it opens
 * a menu of them; choosing one signs in there (the console reloads in that organization). With one
 * organization it is only its name.
 */
export function OrganizationSwitcher({ current, suffix }: { current: { id: string; name: string }; suffix: string | null }) {
  const { organizations, switchTo, switching } = useOrganizationSwitch();
  const label = suffix ? t('shell.organizationWithSuffix', { organization: current.name, suffix }) : current.name;
  if (organizations.length < 2) {
    return (
      <Text c="dimmed" size="sm" visibleFrom="sm">
        {label}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          loading={switching}
          leftSection={<IconBuilding size={16} />}
          rightSection={<IconSelector size={14} />}
          aria-label={t('shell.switchOrganization', { organization: current.name })}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.yourOrganizations')}</Menu.Label>
        {organizations.map((org) => (
          <Menu.Item
            key={org.id}
            aria-current={org.current ? 'true' : undefined}
            fw={org.current ? 600 : undefined}
            leftSection={org.current ? <IconCheck size={14} /> : <IconBuilding size={14} />}
            // The current organization stays readable in the list; choosing it changes nothing.
            onClick={org.current ? undefined : () => switchTo(org.id)}
          >
            {org.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
