// SCIM filter trees compiled to SQL conditions over the columns an attribute map names. Every
// comparison is written so a missing value (NULL) is false, never unknown, so `not (…)` stays exact.
// `userName eq` and `externalId eq` become equalities on indexed columns (index seeks, not scans).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { scimFail } from './scim.errors.js';
import type { AttrPath, CompareOp, Filter, Literal } from './scim.filter.js';

export interface ColumnAttr {
  column: string;
  /** A value inside a JSON column (`column`), at this path of keys: title, userType, the enterprise extension. */
  json?: readonly string[];
  type: 'string' | 'dateTime';
  /** Compared exactly as written (RFC 7643 caseExact); otherwise both sides are lower-cased. */
  caseExact?: boolean;
  /** The column already holds the lower-cased value (so an index on it serves the comparison). */
  normalized?: boolean;
}
/** An attribute that is not a plain column (a boolean from a status, a membership). */
export interface SpecialAttr {
  special: (op: CompareOp | 'pr', value: Literal) => RawBuilder<SqlBool>;
}
export type AttrSpec = ColumnAttr | SpecialAttr;

export interface AttributeMap {
  /** Keys: lower-cased `attr` or `attr.sub`. */
  attributes: Record<string, AttrSpec>;
  /** URNs whose attributes this map holds (the resource's core schema). */
  urns: string[];
  /** `attr[filter]` for a multi-valued attribute: the condition that some value matches. */
  valuePaths?: Record<string, (inner: Filter, compile: (f: Filter, prefix: string) => RawBuilder<SqlBool>) => RawBuilder<SqlBool>>;
}

function invalid(message: string): never {
  throw scimFail('INVALID_FILTER', message);
}

function pathName(path: AttrPath): string {
  return path.sub ? `${path.attr}.${path.sub}` : path.attr;
}

function lookup(map: AttributeMap, path: AttrPath, prefix: string): AttrSpec {
  if (path.urn && !map.urns.some((u) => u.toLowerCase() === path.urn!.toLowerCase())) {
    invalid(`Filtering on attributes of ${path.urn} is not supported.`);
  }
  const key = (prefix + pathName(path)).toLowerCase();
  const spec = map.attributes[key];
  if (!spec) invalid(`Filtering on "${prefix}${pathName(path)}" is not supported.`);
  return spec;
}

function stringValue(value: Literal, attr: string): string {
  if (typeof value !== 'string') invalid(`"${attr}" compares with a quoted string, not ${JSON.stringify(value)}.`);
  return value;
}

function dateValue(value: Literal, attr: string): string {
  const text = stringValue(value, attr);
  const time = Date.parse(text);
  if (Number.isNaN(time)) invalid(`"${text}" is not a date and time (RFC 3339, e.g. 2026-11-30T12:00:00Z).`);
  return new Date(time).toISOString();
}

/** The SQL of an attribute's value: its column, or the text at its JSON path on either database. */
export function valueOf(spec: ColumnAttr, dialect: Dialect): RawBuilder<unknown> {
  const ref = sql.ref(spec.column);
  if (!spec.json) return sql`${ref}`;
  if (dialect === 'postgres') {
    const keys = spec.json.map((k) => sql.lit(k));
    const head = keys.slice(0, -1).reduce((acc, k) => sql`${acc} -> ${k}`, sql`(${ref})::jsonb`);
    return sql`(${head} ->> ${keys[keys.length - 1]})`;
  }
  return sql`json_extract(${ref}, ${sql.lit(`$.${spec.json.join('.')}`)})`;
}

function compareColumn(spec: ColumnAttr, attr: string, op: CompareOp, value: Literal, dialect: Dialect): RawBuilder<SqlBool> {
  const ref = valueOf(spec, dialect);
  if (value === null) {
    if (op === 'eq') return sql<SqlBool>`(${ref} IS NULL)`;
    if (op === 'ne') return sql<SqlBool>`(${ref} IS NOT NULL)`;
    invalid(`"${op}" cannot compare with null.`);
  }
  const exact = spec.caseExact || spec.type === 'dateTime';
  const column = exact || spec.normalized ? ref : sql`lower(${ref})`;
  let v = spec.type === 'dateTime' ? dateValue(value, attr) : stringValue(value, attr);
  if (!exact) v = v.toLowerCase();
  if (spec.type === 'dateTime' && (op === 'co' || op === 'sw' || op === 'ew')) invalid(`"${op}" does not apply to the date "${attr}".`);
  const present = sql`${ref} IS NOT NULL`;
  switch (op) {
    case 'eq':
      return sql<SqlBool>`(${present} AND ${column} = ${v})`;
    case 'ne':
      return sql<SqlBool>`(${ref} IS NULL OR ${column} <> ${v})`;
    case 'co':
      if (v === '') return sql<SqlBool>`(${present})`;
      return dialect === 'postgres' ? sql<SqlBool>`(${present} AND strpos(${column}, ${v}) > 0)` : sql<SqlBool>`(${present} AND instr(${column}, ${v}) > 0)`;
    case 'sw':
      if (v === '') return sql<SqlBool>`(${present})`;
      return sql<SqlBool>`(${present} AND substr(${column}, 1, ${sql.lit(v.length)}) = ${v})`;
    case 'ew':
      if (v === '') return sql<SqlBool>`(${present})`;
      return dialect === 'postgres'
        ? sql<SqlBool>`(${present} AND right(${column}, ${sql.lit(v.length)}) = ${v})`
        : sql<SqlBool>`(${present} AND substr(${column}, ${sql.lit(-v.length)}) = ${v})`;
    case 'gt':
      return sql<SqlBool>`(${present} AND ${column} > ${v})`;
    case 'ge':
      return sql<SqlBool>`(${present} AND ${column} >= ${v})`;
    case 'lt':
      return sql<SqlBool>`(${present} AND ${column} < ${v})`;
    case 'le':
      return sql<SqlBool>`(${present} AND ${column} <= ${v})`;
  }
}

/** The SQL condition of a filter over the attribute map; 400 invalidFilter for what the map lacks. */
export function compileFilter(filter: Filter, map: AttributeMap, dialect: Dialect): RawBuilder<SqlBool> {
  const compile = (f: Filter, prefix: string): RawBuilder<SqlBool> => {
    switch (f.kind) {
      case 'and':
        return sql<SqlBool>`(${compile(f.left, prefix)} AND ${compile(f.right, prefix)})`;
      case 'or':
        return sql<SqlBool>`(${compile(f.left, prefix)} OR ${compile(f.right, prefix)})`;
      case 'not':
        return sql<SqlBool>`(NOT ${compile(f.filter, prefix)})`;
      case 'valuePath': {
        if (prefix) invalid('A value filter cannot nest inside another.');
        const name = pathName(f.path).toLowerCase();
        const custom = map.valuePaths?.[name];
        if (custom) return custom(f.filter, compile);
        if (!Object.keys(map.attributes).some((k) => k.startsWith(`${name}.`))) invalid(`"${pathName(f.path)}[…]" is not supported.`);
        return compile(f.filter, `${name}.`);
      }
      case 'pr': {
        const spec = lookup(map, f.path, prefix);
        if ('special' in spec) return spec.special('pr', null);
        const ref = valueOf(spec, dialect);
        return spec.type === 'string' ? sql<SqlBool>`(${ref} IS NOT NULL AND ${ref} <> '')` : sql<SqlBool>`(${ref} IS NOT NULL)`;
      }
      case 'compare': {
        const spec = lookup(map, f.path, prefix);
        if ('special' in spec) return spec.special(f.op, f.value);
        return compareColumn(spec, prefix + pathName(f.path), f.op, f.value, dialect);
      }
    }
  };
  return compile(filter, '');
}
