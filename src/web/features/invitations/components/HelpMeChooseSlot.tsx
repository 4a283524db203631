import { Button, Collapse } from '@mantine/core';
import { IconHelpCircle } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { t } from '../../../shared/i18n';

/**
 * "Help me choose" (the roles feature) sits beside the Role field. It is built separately; until
 * src/web/features/roles/components/HelpMeChoose.tsx exists this renders nothing, and once it is merged
 * the glob picks it up without another edit here.
 */
const modules = import.meta.glob<{ HelpMeChoose?: ComponentType<{ onChoose: (roleId: string) => void }> }>('../../roles/components/HelpMeChoose.tsx', {
  eager: true,
});
const HelpMeChoose = Object.values(modules)[0]?.HelpMeChoose;

export const helpMeChooseAvailable = Boolean(HelpMeChoose);

/** The toggle that sits beside the Role field. */
export function HelpMeChooseToggle({ opened, onToggle }: { opened: boolean; onToggle: () => void }) {
  if (!HelpMeChoose) return null;
  return (
    <Button variant="subtle" size="compact-sm" leftSection={<IconHelpCircle size={14} />} onClick={onToggle} aria-expanded={opened}>
      {t('invite.helpMeChoose')}
    </Button>
  );
}

/** The day-one questions, under the Role field while open; choosing a role closes them. */
export function HelpMeChoosePanel({ opened, onChoose }: { opened: boolean; onChoose: (roleId: string) => void }) {
  if (!HelpMeChoose) return null;
  return <Collapse expanded={opened}>{opened && <HelpMeChoose onChoose={onChoose} />}</Collapse>;
}
