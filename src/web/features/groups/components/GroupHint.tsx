import { Group, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';

/** A sprawl hint from the API ("No members: …"). */
export function GroupHints({ hints }: { hints: string[] }) {
  if (hints.length === 0) return null;
  return (
    <>
      {hints.map((hint) => (
        <Group key={hint} gap={4} wrap="nowrap" align="flex-start">
          <IconBulb size={14} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="xs" c="var(--mantine-color-orange-light-color)">
            {hint}
          </Text>
        </Group>
      ))}
    </>
  );
}

export const GROUPS_VS_ROLES = 'A group says who belongs together. A role says what access they have.';
