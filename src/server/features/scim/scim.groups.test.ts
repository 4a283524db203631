import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, patch, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

/** `count` Members made SCIM users directly in the database (what an initial sync would have done). */
async function provisioned(count: number): Promise<string[]> {
  await seedMembers(t, count);
  const rows = await t.deps.db.selectFrom('users').select(['id', 'email']).where('email', 'like', 'member%').orderBy('id').execute();
  const now = t.clock().toISOString();
  for (let i = 0; i < rows.length; i += 200) {
    await t.deps.db
      .insertInto('scim_users')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          user_id: r.id,
          organization_id: t.org.organizationId,
          user_name: r.email,
          user_name_normalized: r.email,
          email_type: 'work',
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return rows.map((r) => r.id);
}

describe('SCIM Groups', () => {
  it('should add thousands of members in one PATCH and replace them with a PUT, set-based', async () => {
    const ids = await provisioned(3000);
    const group = (await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone' })).json();
    const started = performance.now();
    const added = await scim.request('PATCH', `/Groups/${group.id}`, patch({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }));
    const addMs = performance.now() - started;
    expect(added.statusCode, added.body).toBe(204);
    console.log(`[scim] PATCH adding ${ids.length} members: ${addMs.toFixed(0)} ms`);
    const row = await t.deps.db.selectFrom('groups').select('member_count').where('id', '=', group.id).executeTakeFirstOrThrow();
    expect(row.member_count).toBe(3000);
    const listed = await scim.request('GET', `/Groups?filter=${encodeURIComponent('displayName eq "everyone"')}&excludedAttributes=members`);
    expect(listed.json().Resources[0]).not.toHaveProperty('members');

    const put = await scim.request('PUT', `/Groups/${group.id}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Everyone',
      members: ids.slice(0, 10).map((value) => ({ value })),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().members).toHaveLength(10);
    const audit = await t.deps.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'group.member_removed')
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(2990);
  });

  it('should link a console group of the same name, keep console-added members it does not see, and refuse unknown members', async () => {
    const consoleGroup = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: 'Sales' } });
    const consoleMember = await t.createUser({ email: 'seller@acme.test' });
    await t.app.inject({
      method: 'POST',
      url: `/api/groups/${consoleGroup.json().id}/members`,
      headers: { cookie: t.adminCookie },
      payload: { userIds: [consoleMember] },
    });
    const user = (await scim.request('POST', '/Users', scimUser('rep@acme.test'))).json();

    const linked = await scim.request('POST', '/Groups', { displayName: 'sales', externalId: 'g-1', members: [{ value: user.id }] });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ id: consoleGroup.json().id, externalId: 'g-1', members: [{ value: user.id }] });
    expect((await scim.request('POST', '/Groups', { displayName: 'Sales' })).statusCode).toBe(409);

    await scim.request('PATCH', `/Groups/${linked.json().id}`, patch({ op: 'replace', path: 'members', value: [] }));
    const members = await t.deps.db.selectFrom('group_members').select('user_id').where('group_id', '=', linked.json().id).execute();
    expect(members.map((m) => m.user_id)).toEqual([consoleMember]);

    const unknown = await scim.request('PATCH', `/Groups/${linked.json().id}`, patch({ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().scimType).toBe('invalidValue');
  });
});
