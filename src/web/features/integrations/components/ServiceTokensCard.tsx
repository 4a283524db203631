import { Alert, Button, Card, Group, Loader, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { createServiceToken, fetchServiceTokens, revokeServiceToken, serviceTokensKey } from '../api';
import { When } from '../../../shared/When';
import { SecretOnceModal } from './SecretOnceModal';

/** Tokens Sofie's other services call with; created here, shown once, revoked here. */
export function ServiceTokensCard() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: serviceTokensKey, queryFn: fetchServiceTokens });
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createServiceToken(name.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: serviceTokensKey });
      close();
      setName('');
      setSecret(created.token);
    },
  });
  const revoke = useMutation({
    mutationFn: revokeServiceToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceTokensKey });
      notifications.show({ color: 'green', message: 'Service token revoked. Calls with it are refused from now on.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (id: string, tokenName: string) =>
    modals.openConfirmModal({
      title: `Revoke “${tokenName}”?`,
      children: <Text size="sm">Services using this token stop being able to send usage events or sync content at once.</Text>,
      labels: { confirm: 'Revoke token', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(id),
    });

  return (
    <Card withBorder padding="lg" component="section" aria-label="Service tokens">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={3} size="h4">Service tokens</Title>
          <Text size="sm" c="dimmed">Sofie’s other services use these to send usage events and keep the content registry in sync.</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>New service token</Button>
      </Group>
      {tokens.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : tokens.error ? (
        <Alert color="red" mt="md">{errorMessage(tokens.error)}</Alert>
      ) : !tokens.data?.items.length ? (
        <Text size="sm" c="dimmed" mt="md">No service tokens yet.</Text>
      ) : (
        <Table mt="md" aria-label="Service tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.items.map((t) => (
              <Table.Tr key={t.id} data-testid="service-token-row">
                <Table.Td>{t.name}</Table.Td>
                <Table.Td><When iso={t.createdAt} never="—" /></Table.Td>
                <Table.Td><When iso={t.lastUsedAt} never="Never" /></Table.Td>
                <Table.Td><StatusBadge status={t.revokedAt ? 'revoked' : 'active'} /></Table.Td>
                <Table.Td ta="right">
                  {!t.revokedAt && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(t.id, t.name)} aria-label={`Revoke ${t.name}`}>Revoke</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={opened} onClose={close} title="New service token">
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Stack>
            <TextInput label="Name" description="Which service uses it, e.g. “chat usage collector”." required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} data-autofocus />
            {create.error && <Alert color="red" role="alert">{errorMessage(create.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>Create token</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <SecretOnceModal
        title="Service token created"
        label="Service token"
        secret={secret}
        hint="Send it as “Authorization: Bearer …” from the service; see Service API in the README."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
