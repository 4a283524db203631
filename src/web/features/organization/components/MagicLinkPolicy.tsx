import { Alert, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { SaveBar } from '../../../shared/ui/SaveBar';
import { saveSsoSettings, ssoKey, type SsoOverviewData } from '../api';

interface Policy {
  disable: boolean;
  breakGlass: PickedUser[];
}

/** Who may still ask for a sign-in link while magic links are disabled. */
function BreakGlassAdministrators({ users, editable, onChange }: { users: PickedUser[]; editable: boolean; onChange: (users: PickedUser[]) => void }) {
  return (
    <Alert color="blue" title="Break-glass administrators">
      These administrators (each with a passkey) can still ask for a sign-in link, and must then confirm with their passkey.
      <Stack gap={4} mt="xs">
        {users.map((u) => (
          <Group key={u.id} gap="xs">
            <Text size="sm">
              {u.name} &lt;{u.email}&gt;
            </Text>
            {editable && (
              <Button size="compact-xs" variant="subtle" onClick={() => onChange(users.filter((b) => b.id !== u.id))}>
                Remove
              </Button>
            )}
          </Group>
        ))}
        {editable && (
          <ActiveUserPicker
            label="Add a break-glass administrator"
            value={null}
            exclude={users.map((b) => b.id)}
            onChange={(u) => u && onChange([...users, u])}
          />
        )}
      </Stack>
    </Alert>
  );
}

/**
 * "Disable magic links when SSO is enabled", with the break-glass administrators (each holding a
 * passkey). Saved like every settings card: its own Save, enabled only while it has changes.
 */
export function MagicLinkPolicy({ data, editable }: { data: SsoOverviewData; editable: boolean }) {
  const { settings } = data;
  const client = useQueryClient();
  const [edit, setEdit] = useState<Policy | null>(null);
  const [saved, setSaved] = useState(false);
  const server: Policy = { disable: settings.disableMagicLinks, breakGlass: settings.breakGlassUsers };
  const policy = edit ?? server;
  const ids = (p: Policy) => p.breakGlass.map((u) => u.id).join();
  const dirty = policy.disable !== server.disable || ids(policy) !== ids(server);
  const save = useMutation({
    mutationFn: () => saveSsoSettings({ disableMagicLinks: policy.disable, breakGlassUserIds: policy.breakGlass.map((b) => b.id) }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ssoKey });
      setEdit(null);
      setSaved(true);
    },
  });
  const change = (next: Partial<Policy>) => {
    setEdit({ ...policy, ...next });
    setSaved(false);
    save.reset();
  };
  const discard = () => {
    setEdit(null);
    save.reset();
  };
  const offered = settings.canDisableMagicLinks || settings.disableMagicLinks;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) save.mutate();
      }}
    >
      <Stack gap="xs">
        <Switch
          label="Disable magic links when SSO is enabled"
          description="Addresses on your verified domains then sign in through SSO or with a passkey only."
          checked={policy.disable}
          disabled={!editable || !offered}
          onChange={(e) => change({ disable: e.currentTarget.checked })}
        />
        {!offered && (
          <Text size="sm" c="dimmed">
            Offered once a connection has passed “Test connection” and an administrator has signed in through it, so a broken identity provider cannot lock
            everyone out.
          </Text>
        )}
        {policy.disable && <BreakGlassAdministrators users={policy.breakGlass} editable={editable} onChange={(breakGlass) => change({ breakGlass })} />}
        {editable && offered && <SaveBar what="sign-in policy" dirty={dirty} pending={save.isPending} saved={saved} error={save.error} onDiscard={discard} />}
      </Stack>
    </form>
  );
}
