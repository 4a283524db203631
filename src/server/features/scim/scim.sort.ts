// sortBy / sortOrder (RFC 7644 §3.4.2.3) over the same attribute map as filters: one attribute, the
// resource's id as the tiebreak so pages never overlap; resources without the value come last either way.
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { scimFail } from './scim.errors.js';
import { valueOf, type AttributeMap } from './scim.filter-sql.js';
import { parseAttrPath } from './scim.filter.js';
import type { ListQuery } from './scim.list.js';

/** The ORDER BY of a list (without its id tiebreak), or null for the default order (by id). */
export function sortOrder(query: Pick<ListQuery, 'sortBy' | 'sortOrder'>, map: AttributeMap, dialect: Dialect): RawBuilder<unknown> | null {
  const order = (query.sortOrder ?? 'ascending').toLowerCase();
  if (order !== 'ascending' && order !== 'descending') throw scimFail('INVALID_VALUE', '"sortOrder" is "ascending" or "descending".');
  if (!query.sortBy) return null;
  const path = parseAttrPath(query.sortBy.trim());
  const known = path && (!path.urn || map.urns.some((u) => u.toLowerCase() === path.urn!.toLowerCase()));
  const spec = known ? map.attributes[(path.sub ? `${path.attr}.${path.sub}` : path.attr).toLowerCase()] : undefined;
  if (!spec || 'special' in spec) throw scimFail('INVALID_VALUE', `Sorting by "${query.sortBy}" is not supported.`);
  const value = valueOf(spec, dialect);
  const key = spec.caseExact || spec.normalized || spec.type === 'dateTime' ? value : sql`lower(${value})`;
  return sql`CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END, ${key} ${sql.raw(order === 'descending' ? 'DESC' : 'ASC')}`;
}
