import type { KeyboardEvent } from 'react';

const ROW = 'tr[data-row-nav]';

function move(from: HTMLElement, to: Element | null | undefined) {
  if (!(to instanceof HTMLElement)) return;
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

/**
 * Props for a table row that opens something: one Tab stop for the whole table (a roving tabindex,
 * the first row to start with), ↑/↓ (and Home/End) move between rows, Enter opens the focused row.
 * Keys pressed on a control inside the row (its checkbox, its link) keep their usual meaning.
 */
export function rowNavigation(index: number, open: () => void) {
  return {
    tabIndex: index === 0 ? 0 : -1,
    'data-row-nav': true,
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      const row = event.currentTarget;
      if (event.target !== row) return;
      const rows = () => [...(row.parentElement?.querySelectorAll(ROW) ?? [])];
      const keys: Record<string, () => void> = {
        ArrowDown: () => move(row, row.nextElementSibling?.matches(ROW) ? row.nextElementSibling : null),
        ArrowUp: () => move(row, row.previousElementSibling?.matches(ROW) ? row.previousElementSibling : null),
        Home: () => move(row, rows()[0]),
        End: () => move(row, rows().at(-1)),
        Enter: open,
      };
      const action = keys[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    },
  };
}
