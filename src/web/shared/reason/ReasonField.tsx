import { Textarea } from '@mantine/core';
import { t } from '../i18n';

/** The business reason for an access change; required when the organization says so. */
export function ReasonField({
  value,
  onChange,
  required,
  error,
  placeholder,
  description,
}: {
  value: string;
  onChange: (v: string) => void;
  required: boolean;
  error?: string | null;
  placeholder?: string;
  /** Why a reason is asked here, when it is not the organization's setting. */
  description?: string;
}) {
  return (
    <Textarea
      label={t('reason.label')}
      description={description ?? (required ? t('reason.required') : t('reason.optional'))}
      placeholder={placeholder ?? t('reason.placeholder')}
      withAsterisk={required}
      autosize
      minRows={2}
      maxLength={1000}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error ?? undefined}
    />
  );
}

/** Client-side check matching the server's: a blank reason is missing. */
export function reasonMissing(required: boolean, reason: string): boolean {
  return required && reason.trim() === '';
}

/** What every form says when the organization requires a reason and none was given. */
export const REASON_MISSING = 'Give the business reason for this change.';
