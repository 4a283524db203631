import { Alert, Button, Card, Group, Stack } from '@mantine/core';
import { ApiError, errorMessage } from '../../../shared/api';
import { ReasonField } from '../../../shared/reason/ReasonField';
import type { Draft, SettingsDraft } from '../hooks/useSettingsDraft';

/** The optional reason, a refusal, Discard changes and Save settings. */
export function SaveSettingsCard({ form, draft }: { form: SettingsDraft; draft: Draft }) {
  const { reason, setReason, mutation, dirty, discard } = form;
  return (
    <Card withBorder padding="lg">
      <Stack>
        <ReasonField value={reason} onChange={setReason} required={false} placeholder="e.g. Security review decision (ticket SEC-42)" />
        {mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'INVALID_DOMAIN') && (
          <Alert color="red" title="Not saved" role="alert">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty || mutation.isPending} onClick={discard}>
            Discard changes
          </Button>
          <Button type="submit" color="indigo.7" disabled={!dirty || draft.name.trim() === ''} loading={mutation.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
