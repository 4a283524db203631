import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A light badge (a tint with dark text in light, a dark tint with light text in dark). Its text
 * colours are the theme's `--mantine-color-*-light-color`, set in app/theme.ts to read at AA.
 */
export function SoftBadge({
  color = 'gray',
  children,
  ...rest
}: { color?: string; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant'> & { component?: unknown; to?: string }) {
  return (
    <Badge variant="light" color={color} {...(rest as BadgeProps)}>
      {children}
    </Badge>
  );
}
