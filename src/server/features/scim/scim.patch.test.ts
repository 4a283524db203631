import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { GROUP_PATCH_SCHEMA } from './scim.group-resource.js';
import { applyPatch } from './scim.patch-apply.js';
import { parsePatchBody, PATCH_OP_SCHEMA, type Json } from './scim.patch.js';
import { USER_PATCH_SCHEMA } from './scim.user-resource.js';

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const user =
  (...ops: unknown[]) =>
  (resource: Json) =>
    applyPatch(resource, parsePatchBody(body(...ops), USER_PATCH_SCHEMA), USER_PATCH_SCHEMA);
const group =
  (...ops: unknown[]) =>
  (resource: Json) =>
    applyPatch(resource, parsePatchBody(body(...ops), GROUP_PATCH_SCHEMA), GROUP_PATCH_SCHEMA);

const babs = { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen' };
const mandy = { value: '902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge' };

function scimType(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return ((error as AppError).details as { scimType?: string }).scimType;
  }
  return undefined;
}

/** RFC 7644 §3.5.2, the examples of add, remove and replace. */
describe('PATCH, the RFC 7644 §3.5.2 examples', () => {
  it('3.5.2.1: should add a member to a group', () => {
    expect(group({ op: 'add', path: 'members', value: [babs] })({ displayName: 'Tour Guides', members: [mandy] }).members).toEqual([mandy, babs]);
  });

  it('3.5.2.1: should add attributes without a path (emails appended, nickName set)', () => {
    const result = user({ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickName: 'Babs' } })({
      userName: 'bjensen',
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    });
    expect(result).toEqual({
      userName: 'bjensen',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      nickName: 'Babs',
    });
  });

  it('3.5.2.2: should remove one member by a value filter, and all members', () => {
    const start = { displayName: 'Tour Guides', members: [babs, mandy] };
    expect(group({ op: 'remove', path: `members[value eq "${babs.value}"]` })(start).members).toEqual([mandy]);
    expect(group({ op: 'remove', path: 'members' })(start).members).toBeUndefined();
  });

  it('3.5.2.2: should remove emails matching a complex filter, and replace all members by remove + add', () => {
    const start = {
      emails: [
        { value: 'a@example.com', type: 'work' },
        { value: 'b@other.org', type: 'work' },
      ],
    };
    expect(user({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' })(start).emails).toEqual([{ value: 'b@other.org', type: 'work' }]);
    const replaced = group({ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [mandy] })({ displayName: 'x', members: [babs] });
    expect(replaced.members).toEqual([mandy]);
  });

  it('3.5.2.3: should replace all members, a filtered address, and one sub-attribute of it', () => {
    expect(group({ op: 'replace', path: 'members', value: [mandy] })({ members: [babs] }).members).toEqual([mandy]);
    const start = {
      addresses: [
        { type: 'work', streetAddress: '100 Universal City Plaza' },
        { type: 'home', streetAddress: 'Home St' },
      ],
    };
    const work = { type: 'work', streetAddress: '911 Universal City Plaza', locality: 'Hollywood', primary: true };
    expect(user({ op: 'replace', path: 'addresses[type eq "work"]', value: work })(start).addresses).toEqual([work, start.addresses[1]]);
    expect(user({ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' })(start).addresses).toEqual([
      { type: 'work', streetAddress: '1010 Broadway Ave' },
      start.addresses[1],
    ]);
  });

  it('3.5.2.3: should replace attributes without a path', () => {
    const emails = [{ value: 'bjensen@example.com', type: 'work', primary: true }];
    expect(user({ op: 'replace', value: { emails, nickName: 'Babs' } })({ userName: 'b', emails: [{ value: 'old@x.test' }] })).toEqual({
      userName: 'b',
      emails,
      nickName: 'Babs',
    });
  });
});

describe('PATCH as the big clients send it', () => {
  it('should take Entra’s capitalised ops, dotted and URN-prefixed keys, and the work email by value path', () => {
    const result = user(
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@acme.test' },
      { op: 'Add', value: { 'name.givenName': 'Babs', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Tour' } },
      { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'boss-id' },
    )({ emails: [{ value: 'old@acme.test', type: 'work' }], name: { familyName: 'Jensen' } });
    expect(result).toEqual({
      emails: [{ value: 'new@acme.test', type: 'work' }],
      name: { familyName: 'Jensen', givenName: 'Babs' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Tour', manager: 'boss-id' },
    });
  });

  it('should create the work email when a value path matches none (Entra adds it that way)', () => {
    expect(user({ op: 'Add', path: 'emails[type eq "work"].value', value: 'a@acme.test' })({}).emails).toEqual([{ type: 'work', value: 'a@acme.test' }]);
  });

  it('should take Okta’s replace of active without a path, and Entra’s "False"', () => {
    expect(user({ op: 'replace', value: { active: false } })({ active: true }).active).toBe(false);
    expect(user({ op: 'Replace', path: 'active', value: 'False' })({ active: true }).active).toBe('False');
  });

  it('should remove members given as values (Entra’s older form)', () => {
    expect(group({ op: 'Remove', path: 'members', value: [{ value: babs.value }] })({ members: [babs, mandy] }).members).toEqual([mandy]);
  });

  it.each([
    ['a body without the PatchOp schema', { Operations: [{ op: 'add', value: {} }] }, 'invalidSyntax'],
    ['an unknown op', body({ op: 'move', path: 'x', value: 1 }), 'invalidSyntax'],
    ['remove without a path', body({ op: 'remove' }), 'noTarget'],
    ['a malformed path', body({ op: 'replace', path: 'emails[type eq', value: 1 }), 'invalidPath'],
    ['add without a value', body({ op: 'add', path: 'nickName' }), 'invalidValue'],
    ['too many operations', body(...Array.from({ length: 1001 }, () => ({ op: 'remove', path: 'title' }))), 'tooMany'],
  ])('should refuse %s', (_what, input, expected) => {
    expect(scimType(() => parsePatchBody(input, USER_PATCH_SCHEMA))).toBe(expected);
  });

  it('should refuse read-only attributes and a filter matching nothing that it cannot create', () => {
    expect(scimType(() => user({ op: 'replace', path: 'id', value: 'x' })({}))).toBe('mutability');
    expect(scimType(() => user({ op: 'replace', path: 'emails[value co "x"].type', value: 'home' })({ emails: [] }))).toBe('noTarget');
  });
});
