import { Alert, Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { fetchUsageSettings, updateUsageSettings, usageSettingsKey } from '../api';

const MIN_DAYS = 7;
const MAX_DAYS = 730;

/** Organization settings → "Usage data": how long raw usage events are kept (its own save: its own API). */
export function UsageRetentionCard({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: usageSettingsKey, queryFn: fetchUsageSettings });
  const [days, setDays] = useState<number | string>('');
  useEffect(() => {
    if (settings.data && days === '') setDays(settings.data.retentionDays);
  }, [settings.data, days]);
  const save = useMutation({
    mutationFn: () => updateUsageSettings(Number(days)),
    onSuccess: (data) => {
      queryClient.setQueryData(usageSettingsKey, data);
      notifications.show({ color: 'green', message: `Raw usage events are now kept for ${data.retentionDays} days.` });
    },
  });
  const valid = Number.isInteger(Number(days)) && Number(days) >= MIN_DAYS && Number(days) <= MAX_DAYS;
  const changed = settings.data !== undefined && Number(days) !== settings.data.retentionDays;

  return (
    <Card withBorder padding="lg" component="section" aria-label="Usage data">
      <Title order={2} size="h4">
        Usage data
      </Title>
      <Text size="sm" c="gray.7" mt={2}>
        Each chat message, artifact, run and sign-in reported by Sofie’s services is kept this long, then removed. Usage trends keep their daily totals.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && changed) save.mutate();
        }}
      >
        <Group mt="md" align="flex-start">
          <NumberInput
            label="Keep raw usage events for (days)"
            description={`Between ${MIN_DAYS} and ${MAX_DAYS} days.`}
            min={MIN_DAYS}
            max={MAX_DAYS}
            allowDecimal={false}
            value={days}
            onChange={setDays}
            error={days !== '' && !valid ? `Choose between ${MIN_DAYS} and ${MAX_DAYS} days.` : undefined}
            readOnly={!editable}
            w={280}
          />
          {editable && (
            <Button type="submit" mt={46} color="indigo.7" disabled={!valid || !changed} loading={save.isPending}>
              Save retention
            </Button>
          )}
        </Group>
        {save.error && (
          <Alert color="red" mt="md" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
      </form>
    </Card>
  );
}
