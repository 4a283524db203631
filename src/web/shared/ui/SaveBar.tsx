import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../api';
import { t } from '../i18n';

export interface SaveBarProps {
  /** What the card saves, for the buttons' accessible names: "Save {what}", "Discard changes to {what}". */
  what: string;
  dirty: boolean;
  /** False keeps Save disabled while a field is invalid. */
  valid?: boolean;
  pending: boolean;
  /** True after a save, until the next edit: the bar says "Saved". */
  saved: boolean;
  /** Why the last save was refused, when no field of the card shows it. */
  error?: unknown;
  onDiscard: () => void;
  /** Shown only while the card has changes, above the buttons (e.g. the optional business reason). */
  children?: ReactNode;
}

/**
 * The foot of a settings card. Each card saves on its own (one card, one request, one audit event):
 * Save and Discard are enabled only while the card has unsaved changes, and the bar says "Unsaved
 * changes", then "Saved" once the server has accepted them. It sits in the card's <form>, so Enter
 * in a field saves that card.
 */
export function SaveBar({ what, dirty, valid = true, pending, saved, error, onDiscard, children }: SaveBarProps) {
  return (
    <Stack gap="sm" mt="xs">
      {dirty && children}
      {error ? (
        <Alert color="red" title={t('saveBar.notSaved')} role="alert">
          {errorMessage(error)}
        </Alert>
      ) : null}
      <Group gap="sm" justify="flex-end">
        <Text size="sm" role="status" mr="auto" c={dirty ? 'dimmed' : 'teal'} fw={dirty ? 400 : 500}>
          {dirty ? (
            t('saveBar.unsaved')
          ) : saved ? (
            <Group component="span" gap={4}>
              <IconCheck size={16} aria-hidden />
              {t('saveBar.saved')}
            </Group>
          ) : null}
        </Text>
        <Button variant="default" disabled={!dirty || pending} onClick={onDiscard} aria-label={t('saveBar.discardLabel', { what })}>
          {t('saveBar.discard')}
        </Button>
        <Button type="submit" disabled={!dirty || !valid} loading={pending} aria-label={t('saveBar.saveLabel', { what })}>
          {t('saveBar.save')}
        </Button>
      </Group>
    </Stack>
  );
}
