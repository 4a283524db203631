import { formatNumber } from '../format';
import type { Message, Placeholders, PluralForms } from './catalogue';
import { messagesEn, type MessageKey, type Messages } from './messages.en';
import { PSEUDO_LOCALE, pseudoLocalize } from './pseudo';

export type { MessageKey } from './messages.en';
export { PSEUDO_LOCALE } from './pseudo';

/** Where a chosen locale is remembered in this browser (set by `?locale=`; tests and translators use it). */
export const LOCALE_STORAGE_KEY = 'sofie.locale';

type Value = string | number;
export type MessageValues<K extends MessageKey> = Record<Placeholders<Messages[K]>, Value>;
/** A key's values argument: required exactly when its message has placeholders. */
export type ValuesArg<K extends MessageKey> = [Placeholders<Messages[K]>] extends [never] ? [] : [values: MessageValues<K>];

/** Keys whose messages need no values: what a table of labels may hold. */
export type PlainMessageKey = { [K in MessageKey]: [Placeholders<Messages[K]>] extends [never] ? K : never }[MessageKey];

/**
 * The locale whose messages the console shows: `?locale=xx` in the address (remembered in
 * localStorage; `?locale=` with no value forgets it), else the remembered one, else the browser's.
 * Only English exists, so every locale but the pseudo-locale reads English for now; dates and
 * numbers still follow the browser's locale (shared/format.ts).
 */
export function chooseLocale(search: string, stored: string | null, browser: readonly string[]): string {
  const asked = new URLSearchParams(search).get('locale');
  if (asked !== null) return asked || browser[0] || 'en';
  return stored || browser[0] || 'en';
}

function detectLocale(): string {
  if (typeof window === 'undefined') return 'en';
  let stored: string | null = null;
  try {
    const asked = new URLSearchParams(window.location.search).get('locale');
    if (asked) window.localStorage.setItem(LOCALE_STORAGE_KEY, asked);
    else if (asked === '') window.localStorage.removeItem(LOCALE_STORAGE_KEY);
    stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    // Storage can be blocked (privacy settings); the browser's locale still applies.
  }
  return chooseLocale(window.location.search, stored, navigator.languages ?? [navigator.language]);
}

const activeLocale = detectLocale();

/** The locale messages are shown in (the pseudo-locale, or the browser's). */
export function currentLocale(): string {
  return activeLocale;
}

function pluralForm(forms: PluralForms, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale === PSEUDO_LOCALE ? 'en' : locale).select(count);
  return forms[category] ?? forms.other;
}

/** Fills `{name}` placeholders; numbers are written in the reader's locale ("1,234"). */
function fill(template: string, values: Record<string, Value> | undefined): string {
  if (!values) return template;
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** One message of a catalogue in `locale`: plural form chosen, pseudo-localised for the pseudo-locale, values filled in. */
export function translate(message: Message, values: Record<string, Value> | undefined, locale: string): string {
  const template = typeof message === 'string' ? message : pluralForm(message, Number(values?.count ?? 0), locale);
  return fill(locale === PSEUDO_LOCALE ? pseudoLocalize(template) : template, values);
}

/**
 * The text of catalogue entry `key` in the active locale: t('users.invite') → "Invite New User";
 * t('users.count', { count: 3 }) → "3 users". A key that does not exist, or missing values, fail typecheck.
 */
export function t<K extends MessageKey>(key: K, ...[values]: ValuesArg<K>): string {
  return translate(messagesEn[key], values, activeLocale);
}

/** Whether `key` (built at run time, e.g. from a status the server sent) is in the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messagesEn, key);
}

/** `t` for a key built at run time: its text when the catalogue has it (with no values needed), else `fallback`. */
export function tOr(key: string, fallback: string): string {
  return isMessageKey(key) ? translate(messagesEn[key], undefined, activeLocale) : fallback;
}

/** The names of a message's `{placeholders}` (a plural's `count` included). */
function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = texts.flatMap((text) => [...(text ?? '').matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''));
  return [...new Set(typeof message === 'string' ? names : [...names, 'count'])];
}

/**
 * `t` for a key and values the server sent (a code and its parameters): the catalogue's text when it
 * has the key and a value for each of its placeholders, else `fallback` (the server's English).
 */
/**
 * The English of catalogue entry `key` with `values` (numbers as the console writes them), or null when
 * the key does not exist or a value is missing: to find the sentence that says what the server wrote.
 */
export function englishWith(key: string, values: Record<string, Value>): string | null {
  if (!isMessageKey(key)) return null;
  const message: Message = messagesEn[key];
  return placeholdersOf(message).every((name) => values[name] !== undefined) ? translate(message, values, 'en') : null;
}

export function tWith(key: string, values: Record<string, Value>, fallback: string): string {
  if (!isMessageKey(key)) return fallback;
  const message: Message = messagesEn[key];
  return placeholdersOf(message).every((name) => values[name] !== undefined) ? translate(message, values, activeLocale) : fallback;
}

/** `t` for components. The locale is chosen once per page load, so this is `t` itself; a hook keeps the door open to switching live. */
export function useT(): typeof t {
  return t;
}
