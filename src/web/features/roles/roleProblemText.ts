import type { RoleImpact } from '../../../contracts/roles';
import { permissionLabelText } from '../../shared/i18n/permissionText';
import { tWith } from '../../shared/i18n';

/** A refusal "Review impact" found, in the reader's language: its permissions named from the catalogue. */
export function roleProblemText(problem: RoleImpact['problems'][number]): string {
  const permissions = (problem.permissions ?? []).map((key) => permissionLabelText(key)).join(', ');
  return tWith(`roleEditor.impact.problem.${problem.code}`, { permissions }, problem.message);
}
