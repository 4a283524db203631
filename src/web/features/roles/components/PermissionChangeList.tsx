import { Badge, List, Text } from '@mantine/core';
import type { RoleImpact } from '../../../../contracts/roles';
import { permissionCategoryText, permissionLabelText, t } from '../../../shared/i18n';

interface Props {
  title: string;
  /** The list's accessible name. */
  listLabel: string;
  permissions: RoleImpact['gained'];
}

/** One side of the impact (gained or lost): each permission with its category and a Privileged badge, or "None". */
export function PermissionChangeList({ title, listLabel, permissions }: Props) {
  return (
    <div>
      <Text fw={600} mb={4}>
        {title}
      </Text>
      {permissions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('roleEditor.none')}
        </Text>
      ) : (
        <List size="sm" aria-label={listLabel}>
          {permissions.map((p) => (
            <List.Item key={p.key}>
              {permissionLabelText(p.key, p.label)}{' '}
              <Text span c="dimmed" size="xs">
                {t('roleEditor.category', { category: permissionCategoryText(p.category) })}
              </Text>{' '}
              {p.privileged && (
                <Badge size="xs" color="orange" variant="light">
                  {t('roles.badge.privileged')}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
