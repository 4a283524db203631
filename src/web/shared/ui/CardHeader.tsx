import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons: on the right of the title when there is room, below it on a phone. */
  actions?: ReactNode;
  /** Heading id, for a card that is labelled by its title. */
  titleId?: string;
}

/**
 * A card's title, its explanation and its main action. The text keeps at least 16rem; when the card
 * is narrower than that plus the buttons, the buttons move under the text instead of squeezing it.
 */
export function CardHeader({ title, description, actions, titleId }: Props) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {actions}
    </Group>
  );
}
