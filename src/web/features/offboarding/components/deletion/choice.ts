import type { PickedUser } from '../../../../shared/ui/ActiveUserPicker';

/** A decision in the wizard: transfer to a picked person, or keep for the organization. */
export type Choice = { action: 'keep' } | { action: 'transfer'; to: PickedUser | null } | null;

export function toDecision(choice: Choice) {
  if (!choice) return undefined;
  if (choice.action === 'keep') return { action: 'keep' as const };
  return choice.to ? { action: 'transfer' as const, toUserId: choice.to.id } : undefined;
}
