import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { createServiceToken, serviceTokensKey } from '../api';

/** "New service token": a name; the token itself goes to `onCreated`, to be shown once. */
export function NewServiceTokenModal({ opened, onClose: close, onCreated }: { opened: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => createServiceToken(name.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: serviceTokensKey });
      close();
      setName('');
      onCreated(created.token);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title="New service token">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="Which service uses it, e.g. “chat usage collector”."
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            data-autofocus
          />
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
