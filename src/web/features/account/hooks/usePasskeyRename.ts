import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Passkey } from '../../../../contracts/passkeys';
import { renamePasskey } from '../api';

/** Which passkey is being renamed, the name typed so far, and the rename itself. */
export function usePasskeyRename(refresh: () => Promise<unknown>) {
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [newName, setNewName] = useState('');
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renamePasskey(id, name),
    onSuccess: () => {
      setRenaming(null);
      return refresh();
    },
  });
  return {
    renaming,
    newName,
    setNewName,
    start: (p: Passkey) => {
      setRenaming(p);
      setNewName(p.name);
    },
    close: () => setRenaming(null),
    rename,
  };
}

export type PasskeyRename = ReturnType<typeof usePasskeyRename>;
