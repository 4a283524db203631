import { Text } from '@mantine/core';
import { t } from '../../../shared/i18n';

/** "3 addresses found · 1 not an email: not-an-email", live under the pasted text. */
export function PasteCount({ found, invalid }: { found: number; invalid: string[] }) {
  if (found === 0 && invalid.length === 0)
    return (
      <Text size="xs" c="dimmed" mt={-8}>
        {t('inviteMany.noAddresses')}
      </Text>
    );
  return (
    <Text size="xs" mt={-8} c="dimmed" data-testid="paste-count" aria-live="polite">
      {t('inviteMany.found', { count: found })}
      {invalid.length > 0 && (
        <Text span inherit c="var(--mantine-color-error)" fw={600}>
          {' · '}
          {t('inviteMany.invalid', { count: invalid.length, values: invalid.join(', ') })}
        </Text>
      )}
    </Text>
  );
}
