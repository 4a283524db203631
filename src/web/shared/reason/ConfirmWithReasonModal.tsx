import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { ReasonField } from './ReasonField';
import { useReasonedSubmit } from './useReasonedSubmit';
import { t } from '../i18n';

interface Props {
  title: string;
  /** What the action does, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** Defaults to a destructive red; pass the primary colour for actions that only renew. */
  color?: string;
  /** For actions hard to undo: the user types this word (a group's name) to enable the button. */
  typeToConfirm?: string;
  reasonRequired: boolean;
  /** Replaces the organization-setting wording when the reason is always asked here. */
  reasonField?: { description: string; placeholder: string };
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/**
 * The confirmation for an access change: says what happens, takes the business reason (required when
 * the organization says so), and shows the server's refusal in place. Closes once the change is made.
 */
export function ConfirmWithReasonModal({
  title,
  children,
  confirmLabel,
  color = 'red.9',
  typeToConfirm,
  reasonRequired,
  reasonField,
  onConfirm,
  onClose,
}: Props) {
  const [typed, setTyped] = useState('');
  const form = useReasonedSubmit(reasonRequired);
  const confirmed = !typeToConfirm || typed.trim() === typeToConfirm;

  async function submit() {
    if (confirmed && (await form.submit(onConfirm))) onClose();
  }

  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm" component="div">
            {children}
          </Text>
          {typeToConfirm && (
            <TextInput
              label={<TypeToConfirmLabel value={typeToConfirm} />}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
          )}
          <ReasonField {...form.reasonField} {...reasonField} />
          {form.error !== null && (
            <Alert color="red" title={t('confirm.notSaved')} role="alert">
              {errorMessage(form.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={form.pending} disabled={!confirmed}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Type <strong>name</strong> to confirm", with the word placed where the language puts it. */
function TypeToConfirmLabel({ value }: { value: string }) {
  const [before, after] = t('confirm.typeToConfirm', { value: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <strong>{value}</strong>
      {after}
    </>
  );
}
