// sortBy / sortOrder (RFC 7644 §3.4.2.3), POST /.search on /Users, /Groups and the root (§3.4.3), and
// filters on title, userType and the enterprise extension (§4.3 of RFC 7643).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_OP, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ids = new Map<string, string>();

beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
  const people: [string, string, Record<string, unknown>][] = [
    ['carol@acme.test', 'Carol', { title: 'Tour Guide', userType: 'Employee', [ENTERPRISE]: { department: 'Tours', employeeNumber: '701984' } }],
    ['alice@acme.test', 'Alice', { title: 'Engineer', userType: 'Contractor', [ENTERPRISE]: { department: 'R&D', employeeNumber: '42' } }],
    ['bob@acme.test', 'Bob', { userType: 'Employee' }],
  ];
  for (const [userName, given, extra] of people) {
    const res = await scim.request('POST', '/Users', scimUser(userName, { name: { givenName: given, familyName: 'X' }, displayName: `${given} X`, ...extra }));
    expect(res.statusCode, res.body).toBe(201);
    ids.set(given, res.json().id);
  }
  // Alice reports to Carol.
  const manager = await scim.request('PATCH', `/Users/${ids.get('Alice')}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: ids.get('Carol') } }],
  });
  expect(manager.statusCode, manager.body).toBe(200);
  for (const displayName of ['Zebras', 'Antelopes']) await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName });
});
afterEach(async () => t.close());

const names = (body: { Resources: { userName?: string; displayName: string }[] }) => body.Resources.map((r) => r.userName ?? r.displayName);
const q = encodeURIComponent;

describe('sorting', () => {
  it('should sort Users and Groups by an attribute, either way, and page through the sorted list', async () => {
    expect(names((await scim.request('GET', '/Users?sortBy=userName')).json())).toEqual(['alice@acme.test', 'bob@acme.test', 'carol@acme.test']);
    expect(names((await scim.request('GET', '/Users?sortBy=name.givenName&sortOrder=descending')).json())).toEqual([
      'carol@acme.test',
      'bob@acme.test',
      'alice@acme.test',
    ]);
    // Who has no title comes last, ascending or descending.
    expect(names((await scim.request('GET', '/Users?sortBy=title&sortOrder=descending')).json())).toEqual([
      'carol@acme.test',
      'alice@acme.test',
      'bob@acme.test',
    ]);
    expect(names((await scim.request('GET', '/Users?sortBy=userName&startIndex=2&count=1')).json())).toEqual(['bob@acme.test']);
    expect(names((await scim.request('GET', '/Groups?sortBy=displayName')).json())).toEqual(['Antelopes', 'Zebras']);
  });

  it('should refuse a sortBy it cannot sort on, and a sortOrder that is neither way', async () => {
    for (const url of ['/Users?sortBy=groups', '/Users?sortBy=nonsense', '/Users?sortBy=userName&sortOrder=sideways', '/Groups?sortBy=userName']) {
      const res = await scim.request('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    }
  });
});

describe('filters on title, userType and the enterprise extension', () => {
  it.each([
    ['title eq "engineer"', ['alice@acme.test']],
    ['title pr', ['alice@acme.test', 'carol@acme.test']],
    ['userType eq "Employee" and not (title pr)', ['bob@acme.test']],
    [`${ENTERPRISE}:department eq "Tours"`, ['carol@acme.test']],
    [`${ENTERPRISE}:employeeNumber eq "42"`, ['alice@acme.test']],
    ['department sw "r&"', ['alice@acme.test']],
  ])('should answer %j', async (filter, expected) => {
    const res = await scim.request('GET', `/Users?sortBy=userName&filter=${q(filter)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res.json())).toEqual(expected);
  });

  it('should find the people who report to someone by manager.value', async () => {
    const res = await scim.request('GET', `/Users?filter=${q(`${ENTERPRISE}:manager.value eq "${ids.get('Carol')}"`)}`);
    expect(names(res.json())).toEqual(['alice@acme.test']);
  });
});

describe('POST /.search', () => {
  it('should search Users and Groups with the query in the body', async () => {
    const users = await scim.request('POST', '/Users/.search', {
      schemas: [SEARCH],
      filter: 'userType eq "Employee"',
      sortBy: 'userName',
      sortOrder: 'descending',
      attributes: ['userName'],
      startIndex: 1,
      count: 10,
    });
    expect(users.statusCode, users.body).toBe(200);
    expect(users.json()).toMatchObject({ totalResults: 2, Resources: [{ userName: 'carol@acme.test' }, { userName: 'bob@acme.test' }] });
    expect(users.json().Resources[0]).not.toHaveProperty('emails');
    const groups = await scim.request('POST', '/Groups/.search', { schemas: [SEARCH], filter: 'displayName sw "z"' });
    expect(names(groups.json())).toEqual(['Zebras']);
  });

  it('should search every resource type at the root, Users then Groups, paged as one list', async () => {
    const all = await scim.request('POST', '/.search', { schemas: [SEARCH], sortBy: 'displayName', count: 4 });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ totalResults: 5, itemsPerPage: 4 });
    expect(names(all.json())).toEqual(['alice@acme.test', 'bob@acme.test', 'carol@acme.test', 'Antelopes']);
    const rest = await scim.request('POST', '/.search', { schemas: [SEARCH], sortBy: 'displayName', startIndex: 5, count: 4 });
    expect(names(rest.json())).toEqual(['Zebras']);
    // An attribute only Users have matches no Group; one nobody has is invalidFilter.
    const byUserName = await scim.request('POST', '/.search', { schemas: [SEARCH], filter: 'userName sw "a"' });
    expect(names(byUserName.json())).toEqual(['alice@acme.test']);
    const byUserNameSorted = await scim.request('POST', '/.search', { schemas: [SEARCH], sortBy: 'userName', sortOrder: 'descending' });
    // Groups have no userName: they follow, in their own order.
    expect(names(byUserNameSorted.json()).slice(0, 3)).toEqual(['carol@acme.test', 'bob@acme.test', 'alice@acme.test']);
    expect(byUserNameSorted.json().totalResults).toBe(5);
    const bad = await scim.request('POST', '/.search', { schemas: [SEARCH], filter: 'shoeSize gt 40' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().scimType).toBe('invalidFilter');
  });
});
