import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Mantine's light badges put the 6th shade on a tint, which fails WCAG AA contrast for small text.
 * These keep the tint and darken the text to at least 6:1.
 */
const TEXT: Record<string, string> = {
  green: '#1e6b30',
  orange: '#9a3a07',
  gray: '#343a40',
  blue: '#1c4f8a',
  indigo: '#2f3f9e',
  red: '#a51d1d',
};

export function SoftBadge({
  color = 'gray',
  children,
  ...rest
}: { color?: string; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant'> & { component?: unknown; to?: string }) {
  return (
    <Badge variant="light" color={color} c={TEXT[color] ?? TEXT.gray} {...(rest as BadgeProps)}>
      {children}
    </Badge>
  );
}
