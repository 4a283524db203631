import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { t } from '../i18n';

/** True below the `sm` breakpoint (a phone): filter rows fold into a FilterDrawer there. */
export const useNarrow = () => useMediaQuery('(max-width: 48em)') ?? false;

interface Props {
  /** How many filters are set, counted on the button. */
  chosen: number;
  /** The drawer's title ("Filter users"). */
  title: string;
  /** The button that closes the drawer on the results ("Show users"). */
  showLabel: string;
  /** "Clear filters", shown when something is filtered. */
  clear?: ReactNode;
  /** The filter fields, one under another at full width. */
  children: ReactNode;
}

/** A list's filters on a phone: one "Filters (n)" button that opens them in a drawer from the bottom. */
export function FilterDrawer({ chosen, title, showLabel, clear, children }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFilter size={16} />} onClick={open}>
        {chosen ? t('common.filtersCount', { count: chosen }) : t('common.filters')}
      </Button>
      <Drawer opened={opened} onClose={close} position="bottom" size="auto" title={title}>
        <Stack pb="md">
          {children}
          <Group justify="space-between">
            {clear ?? <span />}
            <Button onClick={close}>{showLabel}</Button>
          </Group>
        </Stack>
      </Drawer>
    </>
  );
}
