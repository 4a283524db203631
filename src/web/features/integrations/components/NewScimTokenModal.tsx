import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { createScimToken, provisioningKey } from '../api';

/** "New SCIM token": a label naming the identity provider; the token itself goes to `onCreated`, to be shown once. */
export function NewScimTokenModal({ opened, onClose: close, onCreated }: { opened: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const create = useMutation({
    mutationFn: () => createScimToken(label.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      close();
      setLabel('');
      onCreated(created.token);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title="New SCIM token">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Label"
            description="Which identity provider uses it, e.g. “Okta” or “Entra ID”. Provisioned people are marked with it."
            required
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
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
            <Button type="submit" loading={create.isPending} disabled={!label.trim()}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
