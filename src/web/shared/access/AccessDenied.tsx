import { Button, Card, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../useMe';
import { permissionLabel, startPage, type Missing } from './access';
import { t, tRich } from '../i18n';

const quoted = (keys: readonly string[]) => keys.map((k) => t('accessDenied.quoted', { name: permissionLabel(k) }));

/** "“A”", "“A” and “B”", "“A”, “B” or “C”". */
function joined(parts: string[], word: 'and' | 'or'): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return t(word === 'and' ? 'accessDenied.and' : 'accessDenied.or', { first: parts.slice(0, -1).join(', '), last: parts.at(-1)! });
}

/** "the permission “View users”", "the permissions “A” and “B”", "one of the permissions “A” or “B”". */
export function describeMissing(missing: Missing): string {
  const parts: string[] = [];
  const [all, any] = [quoted(missing.all), quoted(missing.any)];
  if (all.length === 1) parts.push(t('accessDenied.permission', { name: all[0] }));
  if (all.length > 1) parts.push(t('accessDenied.permissions', { names: joined(all, 'and') }));
  if (any.length === 1) parts.push(t('accessDenied.permission', { name: any[0] }));
  if (any.length > 1) parts.push(t('accessDenied.oneOf', { names: joined(any, 'or') }));
  return parts.length === 2 ? t('accessDenied.and', { first: parts[0], last: parts[1] }) : (parts[0] ?? '');
}

/**
 * The page someone sees instead of a page their role does not open: what is missing, who can give it,
 * and a way back to a page they can use. Shown by the route guard and for a FORBIDDEN answer inside a page.
 */
export function AccessDenied({ missing }: { missing: Missing }) {
  const me = useMe().data;
  const back = startPage(new Set(me?.permissions ?? []));
  const lacks =
    missing.all.length === 1 && !missing.any.length
      ? 'accessDenied.roleLacksIt'
      : missing.all.length
        ? 'accessDenied.roleLacksThem'
        : 'accessDenied.roleHasNone';
  return (
    <Card withBorder padding="xl" maw={640} component="section" aria-labelledby="access-denied-title" data-testid="access-denied">
      <Stack gap="md" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray" aria-hidden>
          <IconLock size={24} />
        </ThemeIcon>
        <Title order={1} size="h2" id="access-denied-title">
          {t('accessDenied.title')}
        </Title>
        <Text>
          {t('accessDenied.needs', { what: describeMissing(missing) })} {me ? tRich(lacks, { role: <b>{me.user.roleName}</b> }) : null}
        </Text>
        <Text size="sm" c="dimmed">
          {t('accessDenied.askAdmin', { org: me?.organization.name ?? t('accessDenied.yourOrganization') })}
        </Text>
        <Button component={Link} to={back.to} variant="light" leftSection={<IconArrowLeft size={16} />}>
          {t('accessDenied.back', { page: back.label })}
        </Button>
      </Stack>
    </Card>
  );
}
