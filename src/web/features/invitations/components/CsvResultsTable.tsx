import { Table } from '@mantine/core';
import type { RowResult } from '../csv';
import { CsvResultRow } from './CsvResultRow';
import { t } from '../../../shared/i18n';

/** The per-row results of an upload: the CSV line, the email, what became of it, and why. */
export function CsvResultsTable({ rows, label = t('csv.results') }: { rows: RowResult[]; label?: string }) {
  return (
    <Table.ScrollContainer minWidth={600} maxHeight={340}>
      <Table stickyHeader striped verticalSpacing={6} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t('csv.column.row')}</Table.Th>
            <Table.Th w="34%">{t('csv.column.email')}</Table.Th>
            <Table.Th w={110}>{t('csv.column.result')}</Table.Th>
            <Table.Th>{t('csv.column.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <CsvResultRow key={r.line} result={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
