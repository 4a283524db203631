import { Badge, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { PERMISSION_CATEGORIES, type PermissionDefinition } from '../../../../contracts/permissions';
import { permissionCategoryText, permissionDescriptionText, permissionLabelText, t } from '../../../shared/i18n';

/**
 * A role's permissions as text, for a role nobody may edit here (a system role): what it grants,
 * by category, instead of a wall of greyed-out checkboxes; categories it grants nothing in are left out.
 */
export function PermissionList({ catalogue, value }: { catalogue: readonly PermissionDefinition[]; value: string[] }) {
  const granted = new Set(value);
  const categories = PERMISSION_CATEGORIES.map((category) => ({
    category,
    items: catalogue.filter((p) => p.category === category && granted.has(p.key)),
  })).filter((c) => c.items.length > 0);
  if (categories.length === 0) return <Text size="sm">{t('roleEditor.grantsNothing')}</Text>;
  return (
    <Stack gap="md" data-testid="permission-list">
      {categories.map(({ category, items }) => (
        <div key={category}>
          <Title order={3} size="h5" mb={4}>
            {permissionCategoryText(category)}
          </Title>
          <List
            spacing={6}
            size="sm"
            icon={
              <ThemeIcon size={18} radius="xl" color="teal" variant="light">
                <IconCheck size={12} aria-hidden />
              </ThemeIcon>
            }
          >
            {items.map((p) => (
              <List.Item key={p.key}>
                <Group gap={6} component="span">
                  <Text span size="sm" fw={500}>
                    {permissionLabelText(p.key, p.label)}
                  </Text>
                  {p.privileged && (
                    <Badge size="xs" color="orange" variant="light">
                      {t('roles.badge.privileged')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {permissionDescriptionText(p)}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}
