// PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: add / replace / remove, with and without
// `path`, value paths (`members[value eq "…"]`, `emails[type eq "work"].value`), the extension URN as
// a path prefix, and the forms the big clients send (Entra's "Add"/"Replace"/"Remove" and dotted or
// URN-prefixed keys inside a path-less value). The caller turns the patched JSON into its change.
import { scimFail } from './scim.errors.js';
import { parseAttrPath, parseFilter, type Filter, type Literal } from './scim.filter.js';

export type Json = Record<string, unknown>;
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** Operations per request; a membership change of thousands of people is one operation with many values. */
export const MAX_PATCH_OPERATIONS = 1000;

export interface PatchPath {
  /** The extension URN the attribute lives under, or null for the core schema. */
  urn: string | null;
  attr: string;
  filter: Filter | null;
  sub: string | null;
}
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: PatchPath | null;
  value: unknown;
}
export interface PatchSchema {
  /** Lower-cased names of multi-valued attributes (emails, members…). */
  multiValued: ReadonlySet<string>;
  /** Lower-cased names that may not be changed (id, meta, groups…). */
  readOnly: ReadonlySet<string>;
  /** Extension URNs whose attributes live in an object under the URN key. */
  extensions: readonly string[];
  /** The resource's core schema URN (a path may carry it as a prefix). */
  coreUrn: string;
}

/** A value as text for comparing: scalars as written, anything else as JSON. */
export function scalarText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : (JSON.stringify(v) ?? '');
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute names are case-insensitive (RFC 7643 §2.1): the existing key that matches, else the name. */
export function keyOf(obj: Json, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower) ?? name;
}

export function parsePatchPath(text: string, schema: PatchSchema): PatchPath {
  const bad = () => scimFail('INVALID_PATH', `"${text.slice(0, 200)}" is not a path this server understands.`);
  const extension = schema.extensions.find((u) => text.toLowerCase() === u.toLowerCase());
  if (extension) return { urn: extension, attr: '', filter: null, sub: null };
  const open = text.indexOf('[');
  let head = text;
  let filter: Filter | null = null;
  let sub: string | null = null;
  if (open >= 0) {
    const close = text.lastIndexOf(']');
    if (close < open) throw bad();
    head = text.slice(0, open);
    try {
      filter = parseFilter(text.slice(open + 1, close));
    } catch {
      throw bad();
    }
    const rest = text.slice(close + 1);
    if (rest) {
      if (!/^\.[A-Za-z][\w$-]*$/.test(rest)) throw bad();
      sub = rest.slice(1);
    }
  }
  const parsed = parseAttrPath(head);
  if (!parsed) throw bad();
  let urn: string | null = null;
  if (parsed.urn) {
    urn = schema.extensions.find((u) => u.toLowerCase() === parsed.urn!.toLowerCase()) ?? null;
    if (!urn && parsed.urn.toLowerCase() !== schema.coreUrn.toLowerCase()) throw bad();
  }
  if (parsed.sub && filter) throw bad();
  return { urn, attr: parsed.attr, filter, sub: parsed.sub ?? sub };
}

/** Reads a PATCH body: the PatchOp schema, 1..MAX operations, known ops in any case, parsed paths. */
export function parsePatchBody(body: unknown, schema: PatchSchema): PatchOperation[] {
  if (!isObject(body)) throw scimFail('INVALID_SYNTAX', 'A PATCH body is a JSON object.');
  const schemas = body[keyOf(body, 'schemas')];
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP_SCHEMA)) throw scimFail('INVALID_SYNTAX', `A PATCH body names the schema ${PATCH_OP_SCHEMA}.`);
  const operations = body[keyOf(body, 'Operations')];
  if (!Array.isArray(operations) || operations.length === 0) throw scimFail('INVALID_SYNTAX', 'A PATCH body has a non-empty "Operations" array.');
  if (operations.length > MAX_PATCH_OPERATIONS) throw scimFail('TOO_MANY', `At most ${MAX_PATCH_OPERATIONS} operations per PATCH.`);
  return operations.map((raw, index) => {
    if (!isObject(raw)) throw scimFail('INVALID_SYNTAX', `Operation ${index + 1} is not an object.`);
    const opValue = raw[keyOf(raw, 'op')];
    const op = typeof opValue === 'string' ? opValue.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw scimFail('INVALID_SYNTAX', `Operation ${index + 1}: "op" is add, replace or remove.`);
    const pathText = raw[keyOf(raw, 'path')];
    if (pathText !== undefined && pathText !== null && typeof pathText !== 'string')
      throw scimFail('INVALID_PATH', `Operation ${index + 1}: "path" is a string.`);
    const path = pathText ? parsePatchPath(pathText, schema) : null;
    const value = raw[keyOf(raw, 'value')];
    if (op !== 'remove' && value === undefined) throw scimFail('INVALID_VALUE', `Operation ${index + 1}: "${op}" needs a value.`);
    if (op === 'remove' && !path) throw scimFail('NO_TARGET', `Operation ${index + 1}: "remove" needs a path.`);
    return { op, path, value };
  });
}

/** Whether one value of a multi-valued attribute matches a value filter (in memory; strings compare case-insensitively). */
export function matches(element: unknown, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return matches(element, filter.left) && matches(element, filter.right);
    case 'or':
      return matches(element, filter.left) || matches(element, filter.right);
    case 'not':
      return !matches(element, filter.filter);
    case 'valuePath':
      throw scimFail('INVALID_PATH', 'A value filter cannot nest inside another.');
    case 'pr': {
      const v = isObject(element) ? element[keyOf(element, filter.path.attr)] : undefined;
      return v !== undefined && v !== null && v !== '';
    }
    case 'compare': {
      const actual = isObject(element) ? element[keyOf(element, filter.path.attr)] : element;
      return compareValues(normalizeBool(actual), filter.op, filter.value);
    }
  }
}

function normalizeBool(v: unknown): unknown {
  if (v === 'True' || v === 'true') return true;
  if (v === 'False' || v === 'false') return false;
  return v;
}

function compareValues(actual: unknown, op: string, expected: Literal): boolean {
  if (op === 'eq' && expected === null) return actual === undefined || actual === null;
  if (actual === undefined || actual === null) return op === 'ne';
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
  if (op === 'eq') return a === e;
  if (op === 'ne') return a !== e;
  if (typeof a !== 'string' || typeof e !== 'string') return false;
  if (op === 'co') return a.includes(e);
  if (op === 'sw') return a.startsWith(e);
  if (op === 'ew') return a.endsWith(e);
  if (op === 'gt') return a > e;
  if (op === 'ge') return a >= e;
  if (op === 'lt') return a < e;
  return a <= e;
}
