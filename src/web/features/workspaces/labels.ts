import type { WorkspaceRole, WorkspaceType } from '../../../contracts/workspaces';
import { t } from '../../shared/i18n';

/** A Workspace type as people read it ("Collaborative"), from the catalogue. */
export function workspaceTypeLabel(type: WorkspaceType): string {
  return t(`workspaces.type.${type}`);
}

/** A Workspace role as people read it ("Editor"), from the catalogue. */
export function workspaceRoleLabel(role: WorkspaceRole): string {
  return t(`workspaces.role.${role}`);
}
