import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { t } from '../../../shared/i18n';

/** What kind of token the modal creates: service tokens (a name) and SCIM tokens (a label naming the identity provider). */
export interface TokenKind {
  title: string;
  field: { label: string; description: string };
  create: (name: string) => Promise<{ token: string }>;
  /** The list that shows the new token. */
  listKey: readonly string[];
}

/** "New … token": one name; the token itself goes to `onCreated`, to be shown once. */
export function NewTokenModal({
  kind,
  opened,
  onClose: close,
  onCreated,
}: {
  kind: TokenKind;
  opened: boolean;
  onClose: () => void;
  onCreated: (token: string) => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (chosenName: string) => kind.create(chosenName),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: kind.listKey });
      close();
      setName('');
      onCreated(created.token);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={kind.title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name.trim());
        }}
      >
        <Stack>
          <TextInput
            label={kind.field.label}
            description={kind.field.description}
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
              {t('integrations.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('token.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
