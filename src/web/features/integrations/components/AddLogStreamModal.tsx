import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { createLogStream, logStreamsKey } from '../api';

/** "Add destination": a name and the SIEM's HTTPS collector; the signing secret goes to `onCreated`. */
export function AddLogStreamModal({ opened, onClose: close, onCreated }: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const create = useMutation({
    mutationFn: () => createLogStream(name.trim(), url.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: logStreamsKey });
      close();
      setName('');
      setUrl('');
      onCreated(created.secret);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title="Add log stream destination">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            placeholder="Splunk HEC"
            maxLength={100}
            data-autofocus
          />
          <TextInput
            label="URL"
            description="The SIEM’s HTTPS collector; it receives POSTs of signed JSON batches."
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://siem.example.com/sofie"
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
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || url.trim().length < 8}>
              Add destination
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
