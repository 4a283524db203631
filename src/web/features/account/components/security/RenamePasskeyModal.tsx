import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { errorMessage } from '../../../../shared/api';
import type { PasskeyRename } from '../../hooks/usePasskeyRename';
import { t } from '../../../../shared/i18n';

export function RenamePasskeyModal({ renamer }: { renamer: PasskeyRename }) {
  const { renaming, newName, setNewName, close, rename } = renamer;
  return (
    <Modal opened={renaming !== null} onClose={close} title={t('passkeys.renameTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (renaming && newName.trim()) rename.mutate({ id: renaming.id, name: newName.trim() });
        }}
      >
        <Stack>
          <TextInput label={t('passkeys.nameLabel')} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} maxLength={100} data-autofocus />
          {rename.isError && <Alert color="red">{errorMessage(rename.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('account.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={rename.isPending}>
              {t('passkeys.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
