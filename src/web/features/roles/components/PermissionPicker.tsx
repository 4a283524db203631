import { Badge, Checkbox, Fieldset, Group, Stack, Text } from '@mantine/core';
import { PERMISSION_CATEGORIES, type PermissionDefinition } from '../../../../contracts/permissions';
import { permissionCategoryText, permissionDescriptionText, permissionLabelText, t } from '../../../shared/i18n';

interface Props {
  catalogue: readonly PermissionDefinition[];
  value: string[];
  onChange: (value: string[]) => void;
  /** The editor's own permissions: nobody adds a permission they do not hold. */
  held: ReadonlySet<string>;
  readOnly?: boolean;
}

/** Permissions grouped by category, privileged ones marked; those the editor lacks cannot be added. */
export function PermissionPicker({ catalogue, value, onChange, held, readOnly }: Props) {
  const selected = new Set(value);
  const toggle = (key: string, on: boolean) => onChange(on ? [...value, key] : value.filter((k) => k !== key));
  return (
    <Stack gap="sm">
      {PERMISSION_CATEGORIES.map((category) => {
        const items = catalogue.filter((p) => p.category === category);
        if (items.length === 0) return null;
        return (
          <Fieldset key={category} legend={permissionCategoryText(category)} variant="filled">
            <Stack gap="xs">
              {items.map((p) => {
                const lacking = !held.has(p.key) && !selected.has(p.key);
                return (
                  <Checkbox
                    key={p.key}
                    checked={selected.has(p.key)}
                    disabled={readOnly || lacking}
                    onChange={(e) => toggle(p.key, e.currentTarget.checked)}
                    label={
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {permissionLabelText(p.key, p.label)}
                        </Text>
                        {p.privileged && (
                          <Badge size="xs" color="orange" variant="light">
                            {t('roles.badge.privileged')}
                          </Badge>
                        )}
                      </Group>
                    }
                    description={lacking ? t('roleEditor.lacking', { description: permissionDescriptionText(p) }) : permissionDescriptionText(p)}
                  />
                );
              })}
            </Stack>
          </Fieldset>
        );
      })}
    </Stack>
  );
}
