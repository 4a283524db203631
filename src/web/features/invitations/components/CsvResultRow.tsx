import { Table, Text } from '@mantine/core';
import type { RowResult } from '../csv';
import { OutcomeBadge } from './OutcomeBadge';

/** One row of the upload results: the CSV line, the email, what became of it, and why. */
export function CsvResultRow({ result: r }: { result: RowResult }) {
  return (
    <Table.Tr>
      <Table.Td>{r.line}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {r.email || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <OutcomeBadge outcome={r.outcome} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{r.message}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
