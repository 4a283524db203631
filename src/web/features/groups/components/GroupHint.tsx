import { Group, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { t, type PlainMessageKey } from '../../../shared/i18n';

/** A sprawl hint from the API ("No members: …"). */
export function GroupHints({ hints }: { hints: string[] }) {
  if (hints.length === 0) return null;
  return (
    <>
      {hints.map((hint) => (
        <Group key={hint} gap={4} wrap="nowrap" align="flex-start">
          <IconBulb size={14} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="xs" c="var(--mantine-color-orange-light-color)">
            {SERVER_HINTS[hint] ? t(SERVER_HINTS[hint]) : hint}
          </Text>
        </Group>
      ))}
    </>
  );
}

export const GROUPS_VS_ROLES = t('groups.vsRoles');

/** The API's sprawl hints (groups.service.ts sprawlHints) by their English text, so they read in the console's language. */
const SERVER_HINTS: Record<string, PlainMessageKey> = {
  'No members: add people or delete the group.': 'groups.hint.noMembers',
  'Only one member: a group of one is usually better handled on the user.': 'groups.hint.oneMember',
};
