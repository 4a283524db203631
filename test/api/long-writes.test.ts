import { afterEach, describe, expect, it } from 'vitest';
import { seedMembers } from '../helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('long writes do not stop the other requests', () => {
  // SQLite only: there every write shares one connection. PostgreSQL reads use other connections.
  it.skipIf(usePostgres)('should answer reads over HTTP while a long transaction runs, and still commit it whole', async () => {
    t = await buildTestApp();
    await seedMembers(t, 500);
    const ids = (await t.deps.db.selectFrom('users').select('id').where('organization_id', '=', t.org.organizationId).execute()).map((u) => u.id);
    // Over real HTTP, as a browser would: in-process injection never reaches the event loop's I/O phase.
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // Thousands of statements in one transaction, as a large offboarding or bulk change makes. It runs
    // until five reads have been answered over HTTP meanwhile (or 40 rounds, ~20,000 statements, have
    // passed): before the fix none ever were, as it held the only connection and the event loop.
    let answeredMeanwhile = 0;
    let rounds = 0;
    let done = false;
    const long = t.deps.db
      .transaction()
      .execute(async (trx) => {
        while (answeredMeanwhile < 5 && rounds < 40) {
          rounds++;
          for (const id of ids)
            await trx
              .updateTable('users')
              .set({ updated_at: `round ${rounds}` })
              .where('id', '=', id)
              .execute();
        }
      })
      .finally(() => (done = true));
    while (!done) {
      const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: t.adminCookie } });
      expect(me.status).toBe(200);
      await me.arrayBuffer();
      if (!done) answeredMeanwhile++;
    }
    await long;
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
    const updated = await t.deps.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('updated_at', '=', `round ${rounds}`)
      .executeTakeFirstOrThrow();
    expect(Number(updated.n)).toBe(ids.length);
  });

  it('should move thousands of users to a role in one bulk change, with one audit event each', async () => {
    t = await buildTestApp();
    await seedMembers(t, 2_500);
    const roleId = async (key: string) =>
      (
        await t!.deps.db
          .selectFrom('roles')
          .select('id')
          .where('organization_id', '=', t!.org.organizationId)
          .where('system_key', '=', key)
          .executeTakeFirstOrThrow()
      ).id;
    const [viewer, member] = [await roleId('viewer'), await roleId('member')];
    const result = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'assign_role', roleId: viewer, filter: { roleId: member }, reason: 'Reorganisation' },
    });
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ matched: 2_500, changed: 2_500, skipped: [] });
    const count = async (q: Promise<{ n: number | string }>) => Number((await q).n);
    expect(
      await count(
        t.deps.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role_id', '=', viewer)
          .executeTakeFirstOrThrow(),
      ),
    ).toBe(2_500);
    const audits = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.role_changed').execute();
    expect(audits).toHaveLength(2_500);
    expect(JSON.parse(audits[0].before!)).toEqual({ role: { id: member, name: 'Member' } });
    expect(JSON.parse(audits[0].after!)).toEqual({ role: { id: viewer, name: 'Viewer' } });
    expect(audits[0].reason).toBe('Reorganisation');
  });

  it('should serve reads during an open transaction, and answer a write that cannot get the database in time with 503', async () => {
    t = await buildTestApp({ config: { databaseAcquireTimeoutMs: 200, databaseLockTimeoutMs: 200 } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    // Another request's transaction that has written and not yet committed.
    const transaction = t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ name: 'Acme Corp (renaming)' }).where('id', '=', t!.org.organizationId).execute();
      began();
      await held;
    });
    await begun;
    try {
      const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: t.adminCookie } });
      expect(list.statusCode).toBe(200);
      const write = await t.app.inject({ method: 'PATCH', url: '/api/organization/settings', headers: { cookie: t.adminCookie }, payload: { name: 'Acme' } });
      expect(write.statusCode, write.body).toBe(503);
      expect(write.headers['retry-after']).toBe('2');
      expect(write.json().error.code).toBe('DATABASE_BUSY');
    } finally {
      release();
      await transaction;
    }
    const after = await t.app.inject({ method: 'PATCH', url: '/api/organization/settings', headers: { cookie: t.adminCookie }, payload: { name: 'Acme' } });
    expect(after.statusCode, after.body).toBe(200);
  });
});
