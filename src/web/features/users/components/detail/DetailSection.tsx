import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';

export interface DetailSectionProps {
  /** Anchor id: /admin/users/:id#<id> scrolls here. */
  id: string;
  title: string;
  description?: ReactNode;
  /** Buttons on the right of the title. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * One section of the user detail page: a titled card with an anchor. When the URL's hash names the
 * section it scrolls into view and is briefly highlighted.
 */
export function DetailSection({ id, title, description, actions, children }: DetailSectionProps) {
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const [highlighted, setHighlighted] = useState(false);

  useEffect(() => {
    if (location.hash !== `#${id}`) return;
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setHighlighted(true);
    const timer = setTimeout(() => setHighlighted(false), 2000);
    return () => clearTimeout(timer);
    // location.key: clicking the same fix link twice highlights again.
  }, [location.hash, location.key, id]);

  return (
    <Card
      ref={ref}
      withBorder
      component="section"
      id={id}
      aria-labelledby={`${id}-title`}
      padding="lg"
      style={{
        scrollMarginTop: 72,
        transition: 'box-shadow 300ms',
        boxShadow: highlighted ? '0 0 0 3px var(--mantine-color-indigo-3)' : undefined,
      }}
    >
      <Stack gap="sm">
        {/* The title keeps 14rem; on a phone the buttons move under it rather than squeeze it. */}
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Title order={2} size="h4" id={`${id}-title`}>
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed" mt={2}>
                {description}
              </Text>
            )}
          </div>
          {actions && (
            <Group gap="xs" wrap="nowrap">
              {actions}
            </Group>
          )}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
