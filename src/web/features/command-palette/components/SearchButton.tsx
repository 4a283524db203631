import { Button, Kbd } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { t } from '../../../shared/i18n';

/** The palette's door for the mouse, showing its shortcut. */
export function SearchButton({ onClick }: { onClick: () => void }) {
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconSearch size={14} />}
      rightSection={<Kbd size="xs">{t('palette.shortcut')}</Kbd>}
      onClick={onClick}
      visibleFrom="sm"
    >
      {t('palette.search')}
    </Button>
  );
}
