import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

/** Session lookup + the user with everything the page shows. */
const DETAIL_STATEMENTS = 2;

let t: TestApp;
let statements: string[] = [];
beforeEach(async () => {
  statements = [];
  t = await buildTestApp({ log: (event: LogEvent) => void statements.push(event.query.sql) });
});
afterEach(async () => t.close());

async function detailWithStatements(id: string): Promise<{ body: Record<string, unknown>; statements: string[] }> {
  statements = [];
  const res = await t.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: { cookie: t.adminCookie } });
  expect(res.statusCode).toBe(200);
  return { body: res.json(), statements };
}

describe('the user detail request', () => {
  it('should read the user page in two statements, however much the user has', async () => {
    const id = await t.createUser({ email: 'bob@acme.test', name: 'Bob', roleKey: 'viewer' });
    const headers = { cookie: t.adminCookie };
    for (const name of ['Design', 'Support']) {
      const group = (await t.app.inject({ method: 'POST', url: '/api/groups', headers, payload: { name } })).json();
      const added = await t.app.inject({ method: 'POST', url: `/api/groups/${group.id}/members`, headers, payload: { userIds: [id] } });
      expect(added.statusCode).toBeLessThan(300);
    }
    await t.signInAs(id);
    await detailWithStatements(id); // a first request may touch the admin's session
    const { body, statements: seen } = await detailWithStatements(id);
    expect(body).toMatchObject({ name: 'Bob', role: { name: 'Viewer' }, groups: [{ name: 'Design' }, { name: 'Support' }] });
    expect((body.sessions as unknown[]).length).toBe(1);
    expect(seen.length, seen.join('\n\n')).toBeLessThanOrEqual(DETAIL_STATEMENTS);
  });

  it('should answer 404 for an unknown user in the same statements', async () => {
    statements = [];
    const res = await t.app.inject({ method: 'GET', url: '/api/users/01900000-0000-7000-8000-000000000000', headers: { cookie: t.adminCookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
    expect(statements.length).toBeLessThanOrEqual(DETAIL_STATEMENTS + 1);
  });
});
