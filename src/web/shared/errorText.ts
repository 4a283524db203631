import * as contracts from '../../contracts/errors.js';
import { ACCESS_REVIEWS_ERRORS } from '../../contracts/access-reviews.js';
import type { ErrorSpec } from '../../contracts/errors.js';
import { englishWith, permissionLabelText, tWith } from './i18n';
import { messagesEn } from './i18n/messages.en';

/**
 * An API error in the reader's language. The server's message stays in the API for its other clients;
 * the console words the code from its catalogue instead: `error.<CODE>`, or `error.<CODE>.<registry>`
 * where features answer one code with different sentences (REASON_REQUIRED). A sentence the server
 * built from the request ("A role named "Ops" already exists") is `error.<CODE>.details`, filled from
 * the error's details; where the server builds several sentences for one code, each is
 * `error.<CODE>.details.<name>`, and the one whose English is what the server wrote is shown. A code
 * or sentence the catalogue does not know shows the server's English.
 */

/** Every error registry of the contracts by name (PLATFORM_ERRORS, GROUPS_ERRORS, …). */
export const ERROR_REGISTRIES = Object.fromEntries(
  [...Object.entries(contracts as Record<string, unknown>), ['ACCESS_REVIEWS_ERRORS', ACCESS_REVIEWS_ERRORS] as const]
    .filter(([name, value]) => name.endsWith('_ERRORS') && typeof value === 'object')
    .sort(([a], [b]) => a.localeCompare(b)),
) as Record<string, Record<string, ErrorSpec>>;

/** Each code's catalogue keys with the sentence each stands for: one key when every registry agrees. */
function variantsByCode(): Map<string, { key: string; message: string }[]> {
  const messages = new Map<string, { registry: string; message: string }[]>();
  for (const [registry, specs] of Object.entries(ERROR_REGISTRIES))
    for (const [code, spec] of Object.entries(specs)) messages.set(code, [...(messages.get(code) ?? []), { registry, message: spec.message }]);
  const out = new Map<string, { key: string; message: string }[]>();
  for (const [code, list] of messages) {
    const one = new Set(list.map((v) => v.message)).size === 1;
    const keyOf = (registry: string) => (one ? `error.${code}` : `error.${code}.${registry.replace(/_ERRORS$/, '').toLowerCase()}`);
    // Registries that say the same sentence share the first one's key.
    const unique = list.filter((v, i) => list.findIndex((w) => w.message === v.message) === i);
    out.set(
      code,
      unique.map((v) => ({ key: keyOf(v.registry), message: v.message })),
    );
  }
  return out;
}

export const ERROR_VARIANTS = variantsByCode();

/** Details that list permission keys: worded by each permission's label, as the server's sentence names them. */
const PERMISSION_LISTS = new Set(['missing']);

/** The values a message may take from an error's details: its strings and numbers, lists joined. */
function valuesOf(details: unknown): Record<string, string | number> {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return {};
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      values[name] = (PERMISSION_LISTS.has(name) ? value.map((key) => permissionLabelText(String(key))) : value).join(', ');
  }
  return values;
}

/** Each code's sentences built from details: error.<CODE>.details, and error.<CODE>.details.<name>. */
const DETAIL_KEYS = new Map<string, string[]>();
for (const key of Object.keys(messagesEn)) {
  const code = /^error\.([A-Z0-9_]+)\.details(\.|$)/.exec(key)?.[1];
  if (code) DETAIL_KEYS.set(code, [...(DETAIL_KEYS.get(code) ?? []), key]);
}

/** The catalogue entry that says what the server wrote, or null when the catalogue does not know the sentence. */
export function errorKey(code: string, message: string, details: unknown): string | null {
  const values = valuesOf(details);
  const fits = (key: string) => englishWith(key, values) !== null;
  const variant = ERROR_VARIANTS.get(code)?.find((v) => v.message === message);
  if (variant) return fits(variant.key) ? variant.key : null;
  // A code no registry of this console has (a newer server's): its entry, if the catalogue has one.
  if (!ERROR_VARIANTS.has(code)) return fits(`error.${code}`) ? `error.${code}` : null;
  return DETAIL_KEYS.get(code)?.find((key) => englishWith(key, values) === message) ?? null;
}

export function errorText(code: string, message: string, details: unknown): string {
  const key = errorKey(code, message, details);
  return key ? tWith(key, valuesOf(details), message) : message;
}
