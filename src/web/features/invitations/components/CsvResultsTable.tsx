import { Table } from '@mantine/core';
import type { RowResult } from '../csv';
import { CsvResultRow } from './CsvResultRow';

/** The per-row results of an upload: the CSV line, the email, what became of it, and why. */
export function CsvResultsTable({ rows, label = 'Upload results' }: { rows: RowResult[]; label?: string }) {
  return (
    <Table.ScrollContainer minWidth={600} maxHeight={340}>
      <Table stickyHeader striped verticalSpacing={6} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Row</Table.Th>
            <Table.Th w="34%">Email</Table.Th>
            <Table.Th w={110}>Result</Table.Th>
            <Table.Th>Details</Table.Th>
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
