import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { t } from '../../../shared/i18n';

export interface LabelField {
  label: string;
  required: boolean;
  maxLength: number;
  placeholder?: string;
  /** Shown above the URL (a name) or below it (a description). */
  first: boolean;
}

export interface SignedEndpointModalProps {
  opened: boolean;
  onClose: () => void;
  /** Receives the new endpoint's signing secret, shown once by the caller. */
  onCreated: (secret: string) => void;
  title: string;
  submitLabel: string;
  urlDescription: string;
  urlPlaceholder: string;
  labelField: LabelField;
  create: (url: string, label: string) => Promise<{ secret: string }>;
  queryKey: readonly unknown[];
}

/** A URL that receives signed POSTs (webhook endpoint, log stream destination) and its label. */
export function SignedEndpointModal({ opened, onClose: close, onCreated, labelField, ...props }: SignedEndpointModalProps) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const create = useMutation({
    mutationFn: (typed: { url: string; label: string }) => props.create(typed.url, typed.label),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: props.queryKey });
      close();
      setUrl('');
      setLabel('');
      onCreated(created.secret);
    },
  });
  const labelInput = (
    <TextInput
      label={labelField.label}
      required={labelField.required}
      value={label}
      onChange={(e) => setLabel(e.currentTarget.value)}
      placeholder={labelField.placeholder}
      maxLength={labelField.maxLength}
      data-autofocus={labelField.first || undefined}
    />
  );
  const ready = url.trim().length >= 8 && (!labelField.required || label.trim().length > 0);

  return (
    <Modal opened={opened} onClose={close} title={props.title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ url: url.trim(), label: label.trim() });
        }}
      >
        <Stack>
          {labelField.first && labelInput}
          <TextInput
            label={t('integrations.url')}
            description={props.urlDescription}
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder={props.urlPlaceholder}
            data-autofocus={!labelField.first || undefined}
          />
          {!labelField.first && labelInput}
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('integrations.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!ready}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
