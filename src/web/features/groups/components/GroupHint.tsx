import { Group, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import type { GroupHintCode } from '../../../../contracts/groups';
import { t, type PlainMessageKey } from '../../../shared/i18n';

/** The API's sprawl hints ("No members: …"), worded from their codes. */
export function GroupHints({ codes }: { codes: GroupHintCode[] }) {
  if (codes.length === 0) return null;
  return (
    <>
      {codes.map((code) => (
        <Group key={code} gap={4} wrap="nowrap" align="flex-start">
          <IconBulb size={14} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="xs" c="var(--mantine-color-orange-light-color)">
            {t(HINTS[code])}
          </Text>
        </Group>
      ))}
    </>
  );
}

export const GROUPS_VS_ROLES = t('groups.vsRoles');

/** Each sprawl hint's words (groups.service.ts sprawlHints). */
const HINTS: Record<GroupHintCode, PlainMessageKey> = {
  no_members: 'groups.hint.noMembers',
  one_member: 'groups.hint.oneMember',
};
