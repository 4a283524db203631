import { Table, VisuallyHidden } from '@mantine/core';
import { t } from '../i18n';

/** The header of a table's column of row buttons: named for screen readers, blank on screen. */
export function ActionsHeader() {
  return (
    <Table.Th>
      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
    </Table.Th>
  );
}
