import { Card, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SaveBar } from '../../../shared/ui/SaveBar';
import { fetchUsageSettings, updateUsageSettings, usageSettingsKey } from '../api';
import { t } from '../../../shared/i18n';

const MIN_DAYS = 7;
const MAX_DAYS = 730;

/**
 * Organization settings → "Usage data": how long raw usage events are kept. Saved like every
 * settings card (its own Save, enabled only while it has changes), through the usage API.
 */
export function UsageRetentionCard({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: usageSettingsKey, queryFn: fetchUsageSettings });
  const [edit, setEdit] = useState<number | string | null>(null);
  const [saved, setSaved] = useState(false);
  const days = edit ?? settings.data?.retentionDays ?? '';
  // The value goes in through mutate(), not a closure over `days`: TanStack Query takes a new
  // mutationFn in an effect after render, and a Save clicked before it runs sent the previous value.
  const save = useMutation({
    mutationFn: (retentionDays: number) => updateUsageSettings(retentionDays),
    onSuccess: (data) => {
      queryClient.setQueryData(usageSettingsKey, data);
      setEdit(null);
      setSaved(true);
    },
  });
  const valid = Number.isInteger(Number(days)) && Number(days) >= MIN_DAYS && Number(days) <= MAX_DAYS;
  const dirty = edit !== null && settings.data !== undefined && Number(days) !== settings.data.retentionDays;

  return (
    <Card withBorder padding="lg" component="section" aria-label={t('settings.usage')}>
      <Title order={2} size="h4">
        {t('settings.usage')}
      </Title>
      <Text size="sm" c="dimmed" mt={2}>
        {t('settings.usage.description')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && dirty) save.mutate(Number(days));
        }}
      >
        <Stack mt="md" gap="md">
          <NumberInput
            label={t('settings.usage.days')}
            description={t('settings.usage.range', { min: MIN_DAYS, max: MAX_DAYS })}
            min={MIN_DAYS}
            max={MAX_DAYS}
            allowDecimal={false}
            value={days}
            onChange={(v) => {
              setEdit(v);
              setSaved(false);
              save.reset();
            }}
            error={days !== '' && !valid ? t('settings.usage.error', { min: MIN_DAYS, max: MAX_DAYS }) : undefined}
            readOnly={!editable}
            w={280}
          />
          {editable && (
            <SaveBar
              what={t('settings.usage.what')}
              dirty={dirty}
              valid={valid}
              pending={save.isPending}
              saved={saved}
              error={save.error}
              onDiscard={() => {
                setEdit(null);
                save.reset();
              }}
            />
          )}
        </Stack>
      </form>
    </Card>
  );
}
