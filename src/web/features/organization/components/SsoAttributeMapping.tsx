import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SsoConnection } from '../../../../contracts/sso';
import { errorMessage } from '../../../shared/api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { LoadMore } from '../../../shared/ui/LoadMore';
import type { SsoHook } from '../hooks/useSso';
import { useSsoRoleRules } from '../hooks/useSsoRoleRules';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { t } from '../../../shared/i18n';

/** The ID token claim that lists the user's IdP groups; groups of the same name get the user as a member. */
function GroupsClaim({ connection, sso, editable }: { connection: SsoConnection; sso: SsoHook; editable: boolean }) {
  const [claim, setClaim] = useState(connection.groupsClaim);
  const changed = claim.trim() !== connection.groupsClaim;
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        label={t('sso.groupsClaim')}
        description={t('sso.groupsClaim.mapping')}
        value={claim}
        onChange={(e) => setClaim(e.currentTarget.value)}
        disabled={!editable}
        w={420}
      />
      {editable && changed && (
        <Button size="xs" onClick={() => sso.update.mutate({ id: connection.id, patch: { groupsClaim: claim.trim() } })} loading={sso.update.isPending}>
          {t('sso.saveClaim')}
        </Button>
      )}
    </Group>
  );
}

function AddRule({ connectionId, roles }: { connectionId: string; roles: { id: string; name: string }[] }) {
  const { add } = useSsoRoleRules(connectionId);
  const [idpGroup, setIdpGroup] = useState('');
  const [roleId, setRoleId] = useState<string | null>(null);
  const submit = () => {
    if (!idpGroup.trim() || !roleId) return;
    add.mutate(
      { idpGroup: idpGroup.trim(), roleId },
      {
        onSuccess: () => {
          setIdpGroup('');
          setRoleId(null);
        },
      },
    );
  };
  return (
    <Group align="flex-end" gap="xs">
      <TextInput label={t('sso.idpGroup')} placeholder={t('sso.idpGroup.placeholder')} value={idpGroup} onChange={(e) => setIdpGroup(e.currentTarget.value)} />
      <Select
        label={t('sso.role')}
        placeholder={t('sso.role.placeholder')}
        data={roles.map((r) => ({ value: r.id, label: r.name }))}
        value={roleId}
        onChange={setRoleId}
      />
      <Button size="sm" onClick={submit} disabled={!idpGroup.trim() || !roleId} loading={add.isPending}>
        {t('sso.addRule')}
      </Button>
    </Group>
  );
}

/** Group-to-role rules: members of an IdP group get a role at sign-in, within the grant ceiling of whoever made the rule. */
function RoleRules({ connection, editable }: { connection: SsoConnection; editable: boolean }) {
  const { list, remove } = useSsoRoleRules(connection.id);
  if (list.isError) return <Text c="red">{errorMessage(list.error)}</Text>;
  const data = list.firstPage;
  if (!data) return null;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('sso.rules')}
      </Text>
      {list.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sso.noRule')}
        </Text>
      ) : (
        <Table aria-label={t('sso.rulesOf', { name: connection.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sso.idpGroup')}</Table.Th>
              <Table.Th>{t('sso.role')}</Table.Th>
              <Table.Th>{t('sso.madeBy')}</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((rule) => (
              <Table.Tr key={rule.id}>
                <Table.Td>{rule.idpGroup}</Table.Td>
                <Table.Td>
                  {rule.role.name} {!rule.active && <SoftBadge color="orange">{t('sso.inactive')}</SoftBadge>}
                  {rule.inactiveReason && (
                    <Text size="xs" c="dimmed">
                      {rule.inactiveReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{rule.createdBy.name}</Table.Td>
                <Table.Td>
                  {editable && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(rule.id)}
                      aria-label={t('sso.removeRule', { group: rule.idpGroup })}
                    >
                      {t('sso.remove')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore {...list.more} />
      {editable && <AddRule connectionId={connection.id} roles={data.roles} />}
    </Stack>
  );
}

/** Attribute mapping of one connection: the groups claim and the group-to-role rules. */
export function SsoAttributeMapping({ connection, sso, editable }: { connection: SsoConnection; sso: SsoHook; editable: boolean }) {
  return (
    <Stack gap="sm" aria-label={t('sso.mappingOf', { name: connection.name })}>
      <GroupsClaim connection={connection} sso={sso} editable={editable} />
      <RoleRules connection={connection} editable={editable} />
    </Stack>
  );
}
