import type { ComponentType } from 'react';

/**
 * "Help me choose" (the roles feature) sits beside the Role field. It is built separately; until
 * src/web/features/roles/components/HelpMeChoose.tsx exists this renders nothing, and once it is merged
 * the glob picks it up without another edit here.
 */
const modules = import.meta.glob<{ HelpMeChoose?: ComponentType<{ onChoose: (roleId: string) => void }> }>(
  '../../roles/components/HelpMeChoose.tsx',
  { eager: true },
);
const HelpMeChoose = Object.values(modules)[0]?.HelpMeChoose;

export function HelpMeChooseSlot({ onChoose }: { onChoose: (roleId: string) => void }) {
  if (!HelpMeChoose) return null;
  return <HelpMeChoose onChoose={onChoose} />;
}
