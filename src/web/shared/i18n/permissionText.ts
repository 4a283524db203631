import type { PermissionDefinition } from '../../../contracts/permissions';
import { tOr } from './i18n';

/**
 * The console's words for a permission and its category, from the catalogue (permission.<key>.label,
 * .description, permissionCategory.<name>); the contracts keep the English the server writes. A
 * permission the catalogue does not know yet reads as the server sent it.
 */
export function permissionLabelText(key: string, fallback: string = key): string {
  return tOr(`permission.${key}.label`, fallback);
}

export function permissionDescriptionText(permission: Pick<PermissionDefinition, 'key' | 'description'>): string {
  return tOr(`permission.${permission.key}.description`, permission.description);
}

export function permissionCategoryText(category: string): string {
  return tOr(`permissionCategory.${category}`, category);
}
