import { AppShell, Avatar, Badge, Box, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useOpenAlertCount } from '../features/alerts';
import { OrganizationSwitcher } from '../features/auth/components/OrganizationSwitcher';
import { CommandPalette, SearchButton, ShortcutsHelp, usePaletteShortcuts } from '../features/command-palette';
import { call } from '../shared/client';
import { useMe } from '../shared/useMe';
import { ColorSchemeMenuItems } from './ColorSchemeMenuItems';
import { navigationFor, type NavItem } from './navigation';
import { t } from '../shared/i18n';

/** The open-alerts count beside "Security Center" ("99+" past 99). */
function OpenAlertsBadge() {
  const count = useOpenAlertCount(true).data;
  if (!count?.open) return null;
  const text = count.capped ? '99+' : String(count.open);
  return (
    <Badge size="sm" color="red.8" variant="filled" aria-label={t('shell.openAlerts', { count: text })}>
      {text}
    </Badge>
  );
}

function NavSection({ label, items, pathname }: { label: string; items: NavItem[]; pathname: string }) {
  const id = `nav-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <Box component="nav" aria-labelledby={id}>
      <Text id={id} size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4}>
        {label}
      </Text>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          leftSection={<item.icon size={18} stroke={1.6} />}
          rightSection={item.badge === 'openAlerts' ? <OpenAlertsBadge /> : undefined}
          active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
        />
      ))}
    </Box>
  );
}

/**
 * The shell of every signed-in page. The "Administration" wording and section appear only for roles
 * that may open at least one admin page; everyone has their own account pages.
 */
export function AdminLayout() {
  const [opened, { toggle }] = useDisclosure();
  const me = useMe().data!;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const nav = navigationFor(me);
  const isAdmin = nav.admin.length > 0;
  const shortcuts = usePaletteShortcuts();

  async function signOut() {
    await call('post', '/api/auth/sign-out');
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <Text fw={700} size="lg" c="var(--sofie-color-brand)">
              {t('shell.brand')}
            </Text>
            <OrganizationSwitcher current={me.organization} suffix={isAdmin ? t('shell.administration') : null} />
          </Group>
          <Group gap="sm">
            <SearchButton onClick={shortcuts.openPalette} />
            <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false}>
              <Menu.Target>
                <UnstyledButton aria-label={t('shell.accountMenu')}>
                  <Group gap={8}>
                    <Avatar size="sm" color="indigo" radius="xl">
                      {me.user.name.slice(0, 1).toUpperCase()}
                    </Avatar>
                    <Box visibleFrom="xs">
                      <Text size="sm" fw={500} lh={1.1}>
                        {me.user.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {me.user.roleName}
                      </Text>
                    </Box>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                <Menu.Item component={Link} to="/account/security" leftSection={<IconShieldLock size={14} />}>
                  {t('shell.accountSecurity')}
                </Menu.Item>
                <Menu.Divider />
                <ColorSchemeMenuItems />
                <Menu.Divider />
                <Menu.Item onClick={() => void signOut()} leftSection={<IconLogout size={14} />}>
                  {t('shell.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="div">
        <Stack gap="lg">
          {isAdmin && <NavSection label={t('shell.administration')} items={nav.admin} pathname={location.pathname} />}
          <NavSection label={t('shell.yourAccount')} items={nav.account} pathname={location.pathname} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--sofie-color-canvas)" id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
      <CommandPalette opened={shortcuts.paletteOpened} onClose={shortcuts.closePalette} pages={[...nav.admin, ...nav.account]} />
      <ShortcutsHelp opened={shortcuts.helpOpened} onClose={shortcuts.closeHelp} />
    </AppShell>
  );
}
