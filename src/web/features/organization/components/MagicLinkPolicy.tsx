import { Alert, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { SaveBar } from '../../../shared/ui/SaveBar';
import { saveSsoSettings, ssoKey, type SsoOverviewData } from '../api';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { t, type PlainMessageKey } from '../../../shared/i18n';

type Standing = SsoOverviewData['settings']['breakGlassUsers'][number]['standing'];
/** Someone named as the list came from the server carries their standing; someone just picked is checked on save. */
type Named = PickedUser & { standing?: Standing };

interface Policy {
  disable: boolean;
  breakGlass: Named[];
}

const STANDING: Record<Exclude<Standing, 'usable'>, PlainMessageKey> = {
  not_administrator: 'sso.breakGlass.standing.not_administrator',
  no_passkey: 'sso.breakGlass.standing.no_passkey',
  not_active: 'sso.breakGlass.standing.not_active',
};

const unusable = (u: Named) => u.standing !== undefined && u.standing !== 'usable';

/** Who may still ask for a sign-in link while magic links are disabled. */
function BreakGlassAdministrators({ users, editable, onChange }: { users: Named[]; editable: boolean; onChange: (users: Named[]) => void }) {
  return (
    <Alert color="blue" title={t('sso.breakGlass')}>
      {t('sso.breakGlassText')}
      <Stack gap={4} mt="xs">
        {users.map((u) => (
          <Group key={u.id} gap="xs">
            <Text size="sm" c={unusable(u) ? 'dimmed' : undefined}>
              {u.name} &lt;{u.email}&gt;
            </Text>
            {u.standing && u.standing !== 'usable' && <SoftBadge color="orange">{t(STANDING[u.standing])}</SoftBadge>}
            {editable && (
              <Button size="compact-xs" variant="subtle" onClick={() => onChange(users.filter((b) => b.id !== u.id))}>
                {t('sso.remove')}
              </Button>
            )}
          </Group>
        ))}
        {users.some(unusable) && (
          <Text size="sm" c="dimmed">
            {t('sso.breakGlass.unusable')}
          </Text>
        )}
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
  // The policy goes in through mutate(), from the render the Save was clicked in (see UsageRetentionCard).
  const save = useMutation({
    mutationFn: (chosen: Policy) => saveSsoSettings({ disableMagicLinks: chosen.disable, breakGlassUserIds: chosen.breakGlass.map((b) => b.id) }),
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
        if (dirty) save.mutate(policy);
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
