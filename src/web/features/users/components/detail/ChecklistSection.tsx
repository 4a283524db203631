import { Anchor, Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClockPause } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ChecklistItem } from '../../../../../contracts/users';
import { DetailSection } from './DetailSection';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import type { SectionProps } from './types';
import { allows, type Access } from '../../../../shared/access/access';
import { accessForPath } from '../../../../shared/access/pages';
import { useMe } from '../../../../shared/useMe';
import { t } from '../../../../shared/i18n';
import { checklistDetail, checklistFixLabel, checklistLabel } from './checklistWords';

const STATES: Record<ChecklistItem['state'], { label: string; color: string; icon: typeof IconCheck }> = {
  ok: { label: t('user.checklist.ok'), color: 'green', icon: IconCheck },
  attention: { label: t('user.checklist.attention'), color: 'orange', icon: IconAlertTriangle },
  not_available: { label: t('user.checklist.notAvailable'), color: 'gray', icon: IconClockPause },
};

export function ChecklistSection({ user, onFix }: SectionProps & { onFix: (sectionId: string) => void }) {
  const counts = { ok: 0, attention: 0, not_available: 0 };
  for (const item of user.checklist) counts[item.state]++;
  return (
    <DetailSection id="checklist" title={t('user.checklist.title')} description={t('user.checklist.description')}>
      <Group gap={6} aria-label={t('user.checklist.summary')}>
        {counts.attention > 0 && <SoftBadge color="orange">{t('user.checklist.needAttention', { count: counts.attention })}</SoftBadge>}
        {counts.not_available > 0 && <SoftBadge color="gray">{t('user.checklist.countNotAvailable', { count: counts.not_available })}</SoftBadge>}
        <SoftBadge color="green">{t('user.checklist.countOk', { count: counts.ok })}</SoftBadge>
      </Group>
      <List spacing="md" listStyleType="none" aria-label={t('user.checklist.list')} styles={{ itemWrapper: { width: '100%' }, itemLabel: { width: '100%' } }}>
        {user.checklist.map((item) => {
          const state = STATES[item.state];
          return (
            <List.Item
              key={item.key}
              data-testid={`checklist-${item.key}`}
              data-state={item.state}
              icon={
                <ThemeIcon color={state.color} variant="light" radius="xl" size={28} aria-hidden>
                  <state.icon size={16} />
                </ThemeIcon>
              }
            >
              <Group justify="space-between" align="flex-start" gap="xs">
                <div style={{ flex: '1 1 12rem', minWidth: 0 }}>
                  <Text fw={500} size="sm">
                    {checklistLabel(item)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {checklistDetail(item)}
                  </Text>
                  {item.fix && <FixLink fix={item.fix} userId={user.id} onFix={onFix} />}
                </div>
                <SoftBadge color={state.color} style={{ flexShrink: 0 }}>
                  {state.label}
                </SoftBadge>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </DetailSection>
  );
}

/** The permission a section's editor needs, for fixes that open one on this page. */
const SECTION_ACCESS: Record<string, Access> = {
  role: { all: ['users.assign_role'] },
  groups: { all: ['groups.manage'] },
  invitation: { all: ['users.invite'] },
};

/** A fix is a link only for someone who can use it: its page opens for them, or its editor does. */
function FixLink({ fix, userId, onFix }: { fix: NonNullable<ChecklistItem['fix']>; userId: string; onFix: (sectionId: string) => void }) {
  const me = useMe().data;
  const held = new Set(me?.permissions ?? []);
  const [path = '', hash] = fix.href.split('#');
  const samePage = hash && (path === '' || path === `/admin/users/${userId}`);
  const access = samePage ? SECTION_ACCESS[hash] : accessForPath(path);
  if (access && !allows(access, held)) return null;
  if (samePage && hash === 'role' && me?.user.id === userId) return null; // nobody changes their own role
  if (samePage) {
    return (
      <Anchor component={Link} to={{ hash: `#${hash}` }} size="sm" fw={500} onClick={() => onFix(hash)}>
        {t('user.checklist.fix', { label: checklistFixLabel(fix) })}
      </Anchor>
    );
  }
  return (
    <Anchor component={Link} to={fix.href} size="sm" fw={500}>
      {checklistFixLabel(fix)} →
    </Anchor>
  );
}
