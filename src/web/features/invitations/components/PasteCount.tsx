import { Text } from '@mantine/core';
import { plural } from '../../../shared/format';

/** "3 addresses found · 1 not an email: not-an-email", live under the pasted text. */
export function PasteCount({ found, invalid }: { found: number; invalid: string[] }) {
  if (found === 0 && invalid.length === 0)
    return (
      <Text size="xs" c="dimmed" mt={-8}>
        No addresses yet.
      </Text>
    );
  return (
    <Text size="xs" mt={-8} c="dimmed" data-testid="paste-count" aria-live="polite">
      {plural(found, 'address', 'addresses')} found
      {invalid.length > 0 && (
        <Text span inherit c="var(--mantine-color-error)" fw={600}>
          {' · '}
          {invalid.length} not an email: {invalid.join(', ')}
        </Text>
      )}
    </Text>
  );
}
