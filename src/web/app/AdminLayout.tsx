import { AppShell, Avatar, Box, Burger, Group, Menu, NavLink, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../shared/api';
import { useMe } from '../shared/useMe';
import { NAV_ITEMS } from './navigation';

export function AdminLayout() {
  const [opened, { toggle }] = useDisclosure();
  const me = useMe().data!;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const permissions = new Set(me.permissions);
  const allowed = (needed: string | string[] | undefined) => !needed || [needed].flat().some((p) => permissions.has(p));
  const items = NAV_ITEMS.filter((item) => allowed(item.permission) && (!item.localMailboxOnly || me.localMailbox));

  async function signOut() {
    await api('/api/auth/sign-out', { method: 'POST' });
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={4} c="indigo.7">Sofie</Title>
            <Text c="dimmed" size="sm" visibleFrom="sm">{me.organization.name} · Administration</Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="Account menu">
                <Group gap={8}>
                  <Avatar size="sm" color="indigo" radius="xl">{me.user.name.slice(0, 1).toUpperCase()}</Avatar>
                  <Box visibleFrom="xs">
                    <Text size="sm" fw={500} lh={1.1}>{me.user.name}</Text>
                    <Text size="xs" c="dimmed">{me.user.roleName}</Text>
                  </Box>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{me.user.email}</Menu.Label>
              <Menu.Item component={Link} to="/account/security" leftSection={<IconShieldLock size={14} />}>Account security</Menu.Item>
              <Menu.Item onClick={signOut} leftSection={<IconLogout size={14} />}>Sign out</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Administration">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
