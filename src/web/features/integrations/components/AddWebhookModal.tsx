import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { createWebhookEndpoint, webhooksKey } from '../api';

/** "Add webhook endpoint": URL and description; the new endpoint's signing secret goes to `onCreated`. */
export function AddWebhookModal({ opened, onClose: close, onCreated }: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => createWebhookEndpoint(url.trim(), description.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      close();
      setUrl('');
      setDescription('');
      onCreated(created.secret);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title="Add webhook endpoint">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="URL"
            description="HTTPS address, reachable on the public internet, that accepts POST requests."
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://hooks.example.com/sofie"
            data-autofocus
          />
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={300} />
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={url.trim().length < 8}>
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
