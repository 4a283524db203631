// Applies parsed PATCH operations to a copy of a resource's JSON (RFC 7644 §3.5.2.1–3).
import { scimFail } from './scim.errors.js';
import type { Filter } from './scim.filter.js';
import { keyOf, matches, parsePatchPath, scalarText, type Json, type PatchOperation, type PatchPath, type PatchSchema } from './scim.patch.js';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The patched resource (the input is left alone); refusals are SCIM errors naming the operation. */
export function applyPatch(resource: Json, operations: readonly PatchOperation[], schema: PatchSchema): Json {
  const result = structuredClone(resource);
  operations.forEach((operation) => applyOperation(result, operation, schema));
  return result;
}

function applyOperation(res: Json, operation: PatchOperation, schema: PatchSchema): void {
  const { op, path, value } = operation;
  if (path) return applyAtPath(res, op, path, value, schema);
  if (!isObject(value)) throw scimFail('INVALID_VALUE', `"${op}" without a path takes an object of attributes.`);
  for (const [key, item] of Object.entries(value)) {
    // Okta repeats the resource's `id` in a path-less replace: read-only attributes there are passed over.
    if (key.toLowerCase() === 'schemas' || schema.readOnly.has(key.toLowerCase())) continue;
    const extension = schema.extensions.find((u) => u.toLowerCase() === key.toLowerCase());
    if (extension && isObject(item)) {
      for (const [subKey, subValue] of Object.entries(item)) applyAtPath(res, op, parsePatchPath(`${extension}:${subKey}`, schema), subValue, schema);
    } else {
      // Entra writes "name.givenName" or "urn:…:User:department" as keys of a path-less value.
      applyAtPath(res, op, parsePatchPath(key, schema), item, schema);
    }
  }
}

function applyAtPath(res: Json, op: PatchOperation['op'], path: PatchPath, value: unknown, schema: PatchSchema): void {
  if (!path.urn && schema.readOnly.has(path.attr.toLowerCase())) throw scimFail('MUTABILITY', `"${path.attr}" is read-only.`);
  if (op !== 'remove' && value === null) op = 'remove';
  let container = res;
  if (path.urn) {
    const urnKey = keyOf(res, path.urn);
    if (!path.attr) {
      if (op === 'remove') delete res[urnKey];
      else if (!isObject(value)) throw scimFail('INVALID_VALUE', `${path.urn} takes an object.`);
      else res[urnKey] = op === 'add' || op === 'replace' ? { ...(isObject(res[urnKey]) ? res[urnKey] : {}), ...value } : value;
      return;
    }
    if (!isObject(res[urnKey])) {
      if (op === 'remove') return;
      res[urnKey] = {};
    }
    container = res[urnKey] as Json;
  }
  const key = keyOf(container, path.attr);
  if (!path.urn && schema.multiValued.has(path.attr.toLowerCase())) return applyMultiValued(container, key, op, path, value);
  if (path.filter) throw scimFail('INVALID_PATH', `"${path.attr}" is single-valued: a value filter does not apply.`);
  if (path.sub) {
    if (!isObject(container[key])) {
      if (op === 'remove') return;
      container[key] = {};
    }
    const parent = container[key] as Json;
    if (op === 'remove') delete parent[keyOf(parent, path.sub)];
    else parent[keyOf(parent, path.sub)] = value;
    return;
  }
  if (op === 'remove') delete container[key];
  else if (isObject(value) && isObject(container[key])) container[key] = { ...container[key], ...value };
  else container[key] = value;
}

/** The one literal of a filter like `type eq "work"`: what a new value gets when nothing matched. */
function simpleEquality(filter: Filter): [string, unknown] | null {
  return filter.kind === 'compare' && filter.op === 'eq' && !filter.path.sub ? [filter.path.attr, filter.value] : null;
}

function applyMultiValued(container: Json, key: string, op: PatchOperation['op'], path: PatchPath, value: unknown): void {
  const list = asArray(container[key]);
  if (path.filter) {
    const filter = path.filter;
    const hits = list.filter((element) => matches(element, filter));
    if (op === 'remove') {
      if (path.sub) hits.forEach((element) => isObject(element) && delete element[keyOf(element, path.sub!)]);
      else container[key] = list.filter((element) => !hits.includes(element));
      return;
    }
    if (hits.length === 0) {
      const seed = simpleEquality(filter);
      if (!seed) throw scimFail('NO_TARGET', `Nothing in "${path.attr}" matches the filter.`);
      const created: Json = { [seed[0]]: seed[1], ...(path.sub ? { [path.sub]: value } : isObject(value) ? value : { value }) };
      container[key] = [...list, created];
      return;
    }
    for (const element of hits) {
      const index = list.indexOf(element);
      if (path.sub && isObject(element)) element[keyOf(element, path.sub)] = value;
      else if (isObject(value)) list[index] = op === 'add' && isObject(element) ? { ...element, ...value } : value;
      else throw scimFail('INVALID_VALUE', `A value of "${path.attr}" is an object.`);
    }
    container[key] = list;
    return;
  }
  if (path.sub) {
    if (op === 'remove') list.forEach((element) => isObject(element) && delete element[keyOf(element, path.sub!)]);
    else if (list.length === 0) list.push({ [path.sub]: value });
    else list.forEach((element) => isObject(element) && (element[keyOf(element, path.sub!)] = value));
    container[key] = list;
    return;
  }
  if (op === 'remove') {
    // Entra's older form: remove "members" with the values to take out.
    if (Array.isArray(value) && value.length > 0) {
      const gone = new Set(value.map((v) => scalarText(isObject(v) ? v[keyOf(v, 'value')] : v).toLowerCase()));
      container[key] = list.filter((element) => !gone.has(scalarText(isObject(element) ? element[keyOf(element, 'value')] : element).toLowerCase()));
    } else delete container[key];
    return;
  }
  const incoming = asArray(value);
  if (op === 'replace') {
    container[key] = incoming;
    return;
  }
  const seen = new Set(list.map(identity));
  const added = incoming.filter((v) => !seen.has(identity(v)) && seen.add(identity(v)));
  if (added.some((v) => isObject(v) && isTrue(v[keyOf(v, 'primary')]))) list.forEach((e) => isObject(e) && delete e[keyOf(e, 'primary')]);
  container[key] = [...list, ...added];
}

function identity(element: unknown): string {
  if (isObject(element)) {
    const v = element[keyOf(element, 'value')];
    if (v !== undefined) return `v:${scalarText(v).toLowerCase()}:${scalarText(element[keyOf(element, 'type')] ?? '').toLowerCase()}`;
  }
  return JSON.stringify(element);
}

export function isTrue(v: unknown): boolean {
  return v === true || v === 'True' || v === 'true';
}
