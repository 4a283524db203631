import { Alert, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import type { SsoOverviewData } from '../api';
import type { SsoHook } from '../hooks/useSso';

/** "Disable magic links when SSO is enabled", with the break-glass administrators (each holding a passkey). */
export function MagicLinkPolicy({ data, sso, editable }: { data: SsoOverviewData; sso: SsoHook; editable: boolean }) {
  const { settings } = data;
  const [disable, setDisable] = useState(settings.disableMagicLinks);
  const [breakGlass, setBreakGlass] = useState<PickedUser[]>(settings.breakGlassUsers);
  useEffect(() => {
    setDisable(settings.disableMagicLinks);
    setBreakGlass(settings.breakGlassUsers);
  }, [settings]);
  const offered = settings.canDisableMagicLinks || settings.disableMagicLinks;
  return (
    <Stack gap="xs">
      <Switch
        label="Disable magic links when SSO is enabled"
        description="Addresses on your verified domains then sign in through SSO or with a passkey only."
        checked={disable}
        disabled={!editable || !offered}
        onChange={(e) => setDisable(e.currentTarget.checked)}
      />
      {!offered && (
        <Text size="sm" c="gray.7">
          Offered once a connection has passed “Test connection” and an administrator has signed in through it, so a broken identity provider cannot lock
          everyone out.
        </Text>
      )}
      {disable && (
        <Alert color="blue" title="Break-glass administrators">
          These administrators (each with a passkey) can still ask for a sign-in link, and must then confirm with their passkey.
          <Stack gap={4} mt="xs">
            {breakGlass.map((u) => (
              <Group key={u.id} gap="xs">
                <Text size="sm">
                  {u.name} &lt;{u.email}&gt;
                </Text>
                {editable && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setBreakGlass(breakGlass.filter((b) => b.id !== u.id))}>
                    Remove
                  </Button>
                )}
              </Group>
            ))}
            {editable && (
              <ActiveUserPicker
                label="Add a break-glass administrator"
                value={null}
                exclude={breakGlass.map((b) => b.id)}
                onChange={(u) => u && setBreakGlass([...breakGlass, u])}
              />
            )}
          </Stack>
        </Alert>
      )}
      {editable && offered && (
        <Group>
          <Button
            size="sm"
            loading={sso.saveSettings.isPending}
            onClick={() => sso.saveSettings.mutate({ disableMagicLinks: disable, breakGlassUserIds: breakGlass.map((b) => b.id) })}
          >
            Save sign-in policy
          </Button>
        </Group>
      )}
    </Stack>
  );
}
