import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SsoConnection } from '../../../../contracts/sso';
import { errorMessage } from '../../../shared/api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { LoadMore } from '../../../shared/ui/LoadMore';
import type { SsoHook } from '../hooks/useSso';
import { useSsoRoleRules } from '../hooks/useSsoRoleRules';
import { SoftBadge } from '../../../shared/ui/SoftBadge';

/** The ID token claim that lists the user's IdP groups; groups of the same name get the user as a member. */
function GroupsClaim({ connection, sso, editable }: { connection: SsoConnection; sso: SsoHook; editable: boolean }) {
  const [claim, setClaim] = useState(connection.groupsClaim);
  const changed = claim.trim() !== connection.groupsClaim;
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        label="Groups claim"
        description="At each sign-in the user joins the groups named like their IdP groups, and leaves those single sign-on added once the IdP drops them."
        value={claim}
        onChange={(e) => setClaim(e.currentTarget.value)}
        disabled={!editable}
        w={420}
      />
      {editable && changed && (
        <Button size="xs" onClick={() => sso.update.mutate({ id: connection.id, patch: { groupsClaim: claim.trim() } })} loading={sso.update.isPending}>
          Save claim
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
      <TextInput label="IdP group" placeholder="e.g. sofie-admins or a group object id" value={idpGroup} onChange={(e) => setIdpGroup(e.currentTarget.value)} />
      <Select label="Role" placeholder="Choose a role" data={roles.map((r) => ({ value: r.id, label: r.name }))} value={roleId} onChange={setRoleId} />
      <Button size="sm" onClick={submit} disabled={!idpGroup.trim() || !roleId} loading={add.isPending}>
        Add rule
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
        Group-to-role rules
      </Text>
      {list.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rule: single sign-on leaves roles alone.
        </Text>
      ) : (
        <Table aria-label={`Group-to-role rules of ${connection.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>IdP group</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Made by</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((rule) => (
              <Table.Tr key={rule.id}>
                <Table.Td>{rule.idpGroup}</Table.Td>
                <Table.Td>
                  {rule.role.name} {!rule.active && <SoftBadge color="orange">Inactive</SoftBadge>}
                  {rule.inactiveReason && (
                    <Text size="xs" c="dimmed">
                      {rule.inactiveReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{rule.createdBy.name}</Table.Td>
                <Table.Td>
                  {editable && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(rule.id)} aria-label={`Remove the rule for ${rule.idpGroup}`}>
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore list={list} />
      {editable && <AddRule connectionId={connection.id} roles={data.roles} />}
    </Stack>
  );
}

/** Attribute mapping of one connection: the groups claim and the group-to-role rules. */
export function SsoAttributeMapping({ connection, sso, editable }: { connection: SsoConnection; sso: SsoHook; editable: boolean }) {
  return (
    <Stack gap="sm" aria-label={`Attribute mapping of ${connection.name}`}>
      <GroupsClaim connection={connection} sso={sso} editable={editable} />
      <RoleRules connection={connection} editable={editable} />
    </Stack>
  );
}
