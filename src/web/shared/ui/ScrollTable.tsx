import { Table, type TableProps } from '@mantine/core';

interface Props extends TableProps {
  /** Below this width (px) the table scrolls sideways inside its card instead of squeezing or being cut off. */
  minWidth?: number;
}

/** A table that keeps its columns readable on a phone: it scrolls sideways inside its card, never the page. */
export function ScrollTable({ minWidth = 560, mt, children, ...props }: Props) {
  return (
    <Table.ScrollContainer minWidth={minWidth} mt={mt}>
      <Table {...props}>{children}</Table>
    </Table.ScrollContainer>
  );
}
