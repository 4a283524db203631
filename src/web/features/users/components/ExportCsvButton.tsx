import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { UserFilter, UserListQuery } from '../../../../contracts/users';
import { exportCsvUrl } from '../api';
import { t } from '../../../shared/i18n';

/** Downloads exactly the filtered, sorted view on screen as users.csv. */
export function ExportCsvButton({
  filter,
  sort,
  order,
  disabled,
}: {
  filter: UserFilter;
  sort: UserListQuery['sort'];
  order: UserListQuery['order'];
  disabled: boolean;
}) {
  return (
    <Button
      component="a"
      href={exportCsvUrl({ ...filter, sort, order })}
      download="users.csv"
      variant="subtle"
      leftSection={<IconDownload size={16} />}
      disabled={disabled}
    >
      {t('users.exportCsv')}
    </Button>
  );
}
