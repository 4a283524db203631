/**
 * The console's one way to write dates, times, numbers and counted nouns, on `Intl` in the browser's
 * locale (`locale` is only for tests). Relative times ("3 hours ago") go with the exact time on hover:
 * use <When> from shared/When.tsx, which sets `title` to exactTime().
 */

type Locale = string | undefined;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = make()));
  return value as T;
}

const dateTimeFormat = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  cached(`dt|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

/** "30 Nov 2026, 13:45" (en-GB) / "Nov 30, 2026, 1:45 PM" (en-US), in the viewer's time zone; "—" for none. */
export function formatDateTime(iso: string | null | undefined, locale?: Locale): string {
  if (!iso) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "30 Nov 2026" / "Nov 30, 2026"; "—" for none. */
export function formatDate(iso: string | null | undefined, locale?: Locale): string {
  if (!iso) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** The exact moment, for a title on hover: "Monday, 30 November 2026 at 13:45:10 UTC". */
export function exactTime(iso: string | null | undefined, locale?: Locale): string {
  if (!iso) return '';
  return dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long' }).format(new Date(iso));
}

/**
 * A calendar day the server names as "YYYY-MM-DD" (a UTC day), short: "30 Nov" / "Nov 30"; with
 * `weekday`, "Mon 30 Nov". Read in UTC so that it is the same day wherever the viewer is.
 */
export function formatDay(day: string, options: { weekday?: boolean; year?: boolean } = {}, locale?: Locale): string {
  return dateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
    ...(options.weekday ? { weekday: 'short' } : {}),
    ...(options.year ? { year: 'numeric' } : {}),
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A month the server names by its first day ("2026-11-01"): "Nov 2026". */
export function formatMonth(day: string, locale?: Locale): string {
  return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago", "yesterday", "in 6 days", "now"; `never` (default "never") for none. */
export function fromNow(iso: string | null | undefined, options: { now?: number; never?: string } = {}, locale?: Locale): string {
  if (!iso) return options.never ?? 'never';
  const seconds = (new Date(iso).getTime() - (options.now ?? Date.now())) / 1000;
  const format = cached(`rt|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      const value = Math.round(seconds / size);
      return format.format(Object.is(value, -0) ? 0 : value, unit);
    }
  }
  return '';
}

/** 1234 → "1,234" (en) / "1.234" (de). */
export function formatNumber(value: number, locale?: Locale): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** A signed change: "+12%", "−3%", "0%". */
export function formatPercentChange(ratio: number, locale?: Locale): string {
  return cached(`pc|${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 })).format(ratio);
}

/** The noun that goes with a count, by the locale's plural rules: noun(1, 'user', 'users') → "user". */
export function noun(count: number, one: string, other: string, locale?: Locale): string {
  return cached(`pl|${locale}`, () => new Intl.PluralRules(locale)).select(count) === 'one' ? one : other;
}

/** A count with its noun: plural(1, 'user', 'users') → "1 user"; plural(1234, …) → "1,234 users". */
export function plural(count: number, one: string, other: string, locale?: Locale): string {
  return `${formatNumber(count, locale)} ${noun(count, one, other, locale)}`;
}

/**
 * A list's total as people should read it: exact ("1,234"), or "1,000+" when the server counted a
 * search or activity filter only up to its cap (the API's totalExact: false).
 */
export function countText(total: number, exact = true, locale?: Locale): string {
  return exact ? formatNumber(total, locale) : `${formatNumber(total, locale)}+`;
}
