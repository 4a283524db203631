import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ReasonField } from '../../../shared/reason/ReasonField';
import { SaveBar } from '../../../shared/ui/SaveBar';
import type { Draft, SettingsSection } from '../hooks/useSettingsSection';
import { SettingsCard } from './SettingsCard';
import { t } from '../../../shared/i18n';

/**
 * A card of organization settings that saves on its own: its fields, then (for those who may change
 * them) the save bar, with the optional business reason while the card has changes.
 */
export function SettingsSectionCard<K extends keyof Draft>({
  title,
  what,
  description,
  section,
  editable,
  valid,
  error,
  children,
}: {
  title: string;
  /** What the card saves, in lower case, for the save bar's accessible names ("Save general"). */
  what: string;
  description?: string;
  section: SettingsSection<K>;
  editable: boolean;
  valid?: boolean;
  /** The refusal to show in the bar; a field may show its own instead (undefined: the mutation's error). */
  error?: unknown;
  children: ReactNode;
}) {
  return (
    <SettingsCard title={title} description={description}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid !== false) section.save();
        }}
      >
        <Stack gap="md">
          {children}
          {editable && (
            <SaveBar
              what={what}
              dirty={section.dirty}
              valid={valid}
              pending={section.mutation.isPending}
              saved={section.saved}
              error={error === undefined ? section.mutation.error : error}
              onDiscard={section.discard}
            >
              <ReasonField value={section.reason} onChange={section.setReason} required={false} placeholder={t('settings.reasonPlaceholder')} />
            </SaveBar>
          )}
        </Stack>
      </form>
    </SettingsCard>
  );
}
