import { Alert, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { SaveBar } from '../../../shared/ui/SaveBar';
import { saveSsoSettings, ssoKey, type SsoOverviewData } from '../api';
import { t } from '../../../shared/i18n';

interface Policy {
  disable: boolean;
  breakGlass: PickedUser[];
}

/** Who may still ask for a sign-in link while magic links are disabled. */
function BreakGlassAdministrators({ users, editable, onChange }: { users: PickedUser[]; editable: boolean; onChange: (users: PickedUser[]) => void }) {
  return (
    <Alert color="blue" title={t('sso.breakGlass')}>
      {t('sso.breakGlassText')}
      <Stack gap={4} mt="xs">
        {users.map((u) => (
          <Group key={u.id} gap="xs">
            <Text size="sm">
              {u.name} &lt;{u.email}&gt;
            </Text>
            {editable && (
              <Button size="compact-xs" variant="subtle" onClick={() => onChange(users.filter((b) => b.id !== u.id))}>
                {t('sso.remove')}
              </Button>
            )}
          </Group>
        ))}
        {editable && (
          <ActiveUserPicker label={t('sso.addBreakGlass')} value={null} exclude={users.map((b) => b.id)} onChange={(u) => u && onChange([...users, u])} />
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
          label={t('sso.disableMagicLinks')}
          description={t('sso.disableMagicLinks.description')}
          checked={policy.disable}
          disabled={!editable || !offered}
          onChange={(e) => change({ disable: e.currentTarget.checked })}
        />
        {!offered && (
          <Text size="sm" c="dimmed">
            {t('sso.disableMagicLinks.offered')}
          </Text>
        )}
        {policy.disable && <BreakGlassAdministrators users={policy.breakGlass} editable={editable} onChange={(breakGlass) => change({ breakGlass })} />}
        {editable && offered && (
          <SaveBar what={t('sso.signInPolicy.what')} dirty={dirty} pending={save.isPending} saved={saved} error={save.error} onDiscard={discard} />
        )}
      </Stack>
    </form>
  );
}
