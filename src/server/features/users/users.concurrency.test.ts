import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('concurrent edits of one user', () => {
  it('should accept exactly one of 50 group edits made from the same version, and audit only that one', async () => {
    // A slow machine queues 50 requests behind a pool of 4: let them wait rather than answer 503.
    t = await buildTestApp({ config: { databaseAcquireTimeoutMs: 30_000 } });
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const groups: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: `Team ${i}` } });
      groups.push(res.json().id);
    }
    const { version } = (await t.app.inject({ method: 'GET', url: `/api/users/${bob}`, headers: { cookie: t.adminCookie } })).json();

    const answers = await Promise.all(
      groups.map((groupId) =>
        t!.app.inject({ method: 'PUT', url: `/api/users/${bob}/groups`, headers: { cookie: t!.adminCookie }, payload: { groupIds: [groupId], version } }),
      ),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const refused of answers.filter((r) => r.statusCode === 409)) expect(refused.json().error.code).toBe('VERSION_CONFLICT');

    const winner = groups[codes.indexOf(200)];
    const held = await t.deps.db.selectFrom('group_members').select('group_id').where('user_id', '=', bob).execute();
    expect(held.map((g) => g.group_id)).toEqual([winner]);
    const audits = await t.deps.db.selectFrom('audit_events').selectAll().where('subject_id', '=', bob).where('action', '=', 'user.groups_changed').execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after!)).toEqual({ groups: [`Team ${groups.indexOf(winner)}`] });
  });

  it('should change the roles of many users at once in opposite directions without refusing any (kept counts lock in one order)', async () => {
    t = await buildTestApp({ config: { databaseAcquireTimeoutMs: 30_000 } });
    const [member, viewer] = [t.org.roleIds.get('member')!, t.org.roleIds.get('viewer')!];
    const people: { id: string; to: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const toViewer = i % 2 === 0;
      people.push({ id: await t.createUser({ email: `p${i}@acme.test`, roleKey: toViewer ? 'member' : 'viewer' }), to: toViewer ? viewer : member });
    }
    // Each change takes one count down and another up; half go one way, half the other, all at once.
    const answers = await Promise.all(
      people.map((p) => t!.app.inject({ method: 'PUT', url: `/api/users/${p.id}/role`, headers: { cookie: t!.adminCookie }, payload: { roleId: p.to } })),
    );
    expect(answers.map((r) => `${r.statusCode} ${r.statusCode === 200 ? '' : r.body}`.trim())).toEqual(Array(30).fill('200'));
    const list = (roleId: string) =>
      t!.app.inject({ method: 'GET', url: `/api/users?roleId=${roleId}&limit=1`, headers: { cookie: t!.adminCookie } }).then((r) => r.json().total);
    expect([await list(member), await list(viewer)]).toEqual([15, 15]);
  });
});
