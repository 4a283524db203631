import { Button, Card, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../useMe';
import { permissionLabel, startPage, type Missing } from './access';

const quoted = (keys: readonly string[]) => keys.map((k) => `“${permissionLabel(k)}”`);

function joined(parts: string[], word: 'and' | 'or'): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

/** "the permission “View users”", "the permissions “A” and “B”", "one of the permissions “A” or “B”". */
export function describeMissing(missing: Missing): string {
  const parts: string[] = [];
  if (missing.all.length) parts.push(`the permission${missing.all.length > 1 ? 's' : ''} ${joined(quoted(missing.all), 'and')}`);
  if (missing.any.length)
    parts.push(missing.any.length > 1 ? `one of the permissions ${joined(quoted(missing.any), 'or')}` : `the permission ${quoted(missing.any)[0]}`);
  return parts.join(' and ');
}

/**
 * The page someone sees instead of a page their role does not open: what is missing, who can give it,
 * and a way back to a page they can use. Shown by the route guard and for a FORBIDDEN answer inside a page.
 */
export function AccessDenied({ missing }: { missing: Missing }) {
  const me = useMe().data;
  const back = startPage(new Set(me?.permissions ?? []));
  const lacks =
    missing.all.length === 1 && !missing.any.length ? 'does not include it' : missing.all.length ? 'does not include them' : 'includes none of them';
  return (
    <Card withBorder padding="xl" maw={640} component="section" aria-labelledby="access-denied-title" data-testid="access-denied">
      <Stack gap="md" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray" aria-hidden>
          <IconLock size={24} />
        </ThemeIcon>
        <Title order={1} size="h2" id="access-denied-title">
          You don’t have access
        </Title>
        <Text>
          This page needs {describeMissing(missing)}.{' '}
          {me ? (
            <>
              Your role, <b>{me.user.roleName}</b>, {lacks}.
            </>
          ) : null}
        </Text>
        <Text size="sm" c="dimmed">
          If you need this page, ask an administrator of {me?.organization.name ?? 'your organization'} to give you a role that includes it.
        </Text>
        <Button component={Link} to={back.to} variant="light" leftSection={<IconArrowLeft size={16} />}>
          Back to {back.label}
        </Button>
      </Stack>
    </Card>
  );
}
