import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { runDueBulkJobs, type BulkJobHooks } from './index.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const DAY = 86_400_000;
const roleId = (key: string) => t.org.roleIds.get(key)!;
const call = async (method: 'GET' | 'POST', url: string, payload?: object, cookie = t.adminCookie) => {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
/** One worker round, as the background job would run it. */
const round = (hooks: BulkJobHooks = {}) => runDueBulkJobs(t.deps, t.app.log, hooks);
const countWhere = async (column: 'role_id', value: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', t.org.organizationId)
        .where(column, '=', value)
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditCount = async (action: string, reason?: string) => {
  let query = t.deps.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', t.org.organizationId)
    .where('action', '=', action);
  if (reason) query = query.where('reason', '=', reason);
  return Number((await query.executeTakeFirstOrThrow()).n);
};
const members = { filter: { search: 'member', status: 'active' as const } };

describe('bulk jobs', () => {
  it('should report progress mid-run, finish, and audit every change once with the reason', async () => {
    await seedMembers(t, 1_050);
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), reason: 'Read-only season', ...members });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({ status: 'queued', total: 1_050, processed: 0, target: { name: 'Viewer' } });
    await round({ chunksPerClaim: 2 });
    const mid = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(mid.body).toMatchObject({ status: 'running', processed: 400, changed: 400, total: 1_050 });
    while ((await call('GET', `/api/bulk-jobs/${start.body.id}`)).body.status === 'running') await round();
    const done = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', processed: 1_050, changed: 1_050, skipped: 0, failures: [] });
    expect(done.body.undoableUntil).toBe(new Date(t.clock().getTime() + 30 * DAY).toISOString());
    expect(await countWhere('role_id', roleId('viewer'))).toBe(1_050);
    expect(await auditCount('user.role_changed', 'Read-only season')).toBe(1_050);
    expect(await auditCount('bulk_job.started')).toBe(1);
    expect(await auditCount('bulk_job.finished')).toBe(1);
    const list = await call('GET', '/api/bulk-jobs');
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([start.body.id]);
  });

  it('should stop after the chunk in flight when cancelled, keep what it changed, and undo that part', async () => {
    await seedMembers(t, 600);
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), ...members });
    await round({ chunksPerClaim: 1 });
    const cancel = await call('POST', `/api/bulk-jobs/${start.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ cancelRequested: true, processed: 200 });
    await round();
    const after = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(after.body).toMatchObject({ status: 'cancelled', processed: 200, changed: 200 });
    expect(await countWhere('role_id', roleId('viewer'))).toBe(200);
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/cancel`)).body.error.code).toBe('BULK_JOB_FINISHED');
    const undo = await call('POST', `/api/bulk-jobs/${start.body.id}/undo`);
    expect(undo.status).toBe(202);
    await round();
    expect(await countWhere('role_id', roleId('viewer'))).toBe(0);
    expect(await auditCount('bulk_job.cancelled')).toBe(1);
  });

  it('should report the users a guardrail protects without failing the job', async () => {
    await seedMembers(t, 10);
    const someone = await t.createUser({ email: 'bob@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', {
      action: 'assign_role',
      roleId: roleId('viewer'),
      userIds: [t.org.adminUserId, someone, 'no-such-user'],
    });
    await round();
    const job = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(job.body).toMatchObject({ status: 'done', processed: 3, changed: 1, skipped: 2 });
    expect(job.body.failures.map((f: { code: string }) => f.code).sort()).toEqual(['SELF_ROLE_CHANGE', 'USER_NOT_FOUND']);
    expect(job.body.failures.find((f: { code: string }) => f.code === 'SELF_ROLE_CHANGE')).toMatchObject({ email: 'admin@acme.test' });
  });

  it('should deactivate users as a job, report who it may not deactivate, and offer no undo', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'deactivate', userIds: [bob, t.org.adminUserId], reason: 'Contract ended' });
    expect(start.status).toBe(202);
    await round();
    const job = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(job.body).toMatchObject({ status: 'done', changed: 1, skipped: 1, undoableUntil: null, failures: [{ code: 'SELF_DEACTIVATION' }] });
    expect((await call('GET', `/api/users/${bob}`)).body.status).toBe('deactivated');
    expect(await auditCount('user.deactivated', 'Contract ended')).toBe(1);
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/undo`)).body.error.code).toBe('BULK_JOB_NOT_UNDOABLE');
  });

  it('should refuse a role above the grant ceiling of whoever starts the job', async () => {
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const res = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('admin'), filter: { search: 'nobody' } }, manager);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_ESCALATION');
  });

  it('should undo a role job: previous roles back, audited as the undo, once, and leave users changed since', async () => {
    const alice = await t.createUser({ email: 'alice@acme.test', roleKey: 'publisher' });
    const bob = await t.createUser({ email: 'bob@acme.test', roleKey: 'member' });
    const carol = await t.createUser({ email: 'carol@acme.test', roleKey: 'member' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [alice, bob, carol] });
    await round();
    // Carol's role is changed again by hand: undo leaves her as she is now.
    await t.app.inject({ method: 'PUT', url: `/api/users/${carol}/role`, headers: { cookie: t.adminCookie }, payload: { roleId: roleId('admin') } });
    const undo = await call('POST', `/api/bulk-jobs/${start.body.id}/undo`);
    expect(undo.body).toMatchObject({ kind: 'undo', undoOf: start.body.id, total: 3 });
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/undo`)).body.error.code).toBe('BULK_JOB_NOT_UNDOABLE');
    await round();
    const role = async (id: string) => (await call('GET', `/api/users/${id}`)).body.role.name;
    expect([await role(alice), await role(bob), await role(carol)]).toEqual(['Publisher', 'Member', 'Admin']);
    const undone = await call('GET', `/api/bulk-jobs/${undo.body.id}`);
    expect(undone.body).toMatchObject({ status: 'done', changed: 2, skipped: 1, failures: [{ userId: carol, code: 'CHANGED_SINCE' }] });
    expect(await auditCount('user.role_changed', `Undo of bulk job ${start.body.id}`)).toBe(2);
    const event = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'bulk_job.undone').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ subject_id: start.body.id, actor_user_id: t.org.adminUserId });
    expect((await call('GET', `/api/bulk-jobs/${start.body.id}`)).body).toMatchObject({ undoneBy: undo.body.id, undoableUntil: null });
  });

  it('should undo a group job by removing only the people it added', async () => {
    const group = (await call('POST', '/api/groups', { name: 'Sales' })).body.id as string;
    const already = await t.createUser({ email: 'already@acme.test' });
    const added = await t.createUser({ email: 'added@acme.test' });
    await call('POST', '/api/bulk-jobs', { action: 'add_to_group', groupId: group, userIds: [already] });
    await round();
    const start = await call('POST', '/api/bulk-jobs', { action: 'add_to_group', groupId: group, userIds: [already, added] });
    await round();
    expect((await call('GET', `/api/bulk-jobs/${start.body.id}`)).body).toMatchObject({ status: 'done', changed: 1 });
    await call('POST', `/api/bulk-jobs/${start.body.id}/undo`);
    await round();
    const groupsOf = async (id: string) => (await call('GET', `/api/users/${id}`)).body.groups.map((g: { name: string }) => g.name);
    expect(await groupsOf(already)).toEqual(['Sales']);
    expect(await groupsOf(added)).toEqual([]);
    expect(await auditCount('group.member_removed', `Undo of bulk job ${start.body.id}`)).toBe(1);
  });

  it('should refuse undo after 30 days', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [bob] });
    await round();
    t.clock.advance(30 * DAY + 1000);
    const cookie = await t.signInAs(t.org.adminUserId);
    expect((await call('GET', `/api/bulk-jobs/${start.body.id}`, undefined, cookie)).body).toMatchObject({ status: 'done', undoableUntil: null });
    const undo = await call('POST', `/api/bulk-jobs/${start.body.id}/undo`, undefined, cookie);
    expect(undo.status).toBe(409);
    expect(undo.body.error.code).toBe('BULK_JOB_UNDO_EXPIRED');
  });

  it('should keep each organization’s jobs to itself', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const carol = await t.createUser({ email: 'carol@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [carol] });
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    expect((await call('GET', '/api/bulk-jobs', undefined, other.adminCookie)).body.items).toEqual([]);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/cancel'],
      ['POST', '/undo'],
    ] as const) {
      const res = await call(method, `/api/bulk-jobs/${start.body.id}${path}`, undefined, other.adminCookie);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // Another organization's user ids are not found in this one.
    const foreign = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: other.roleIds.get('viewer')!, userIds: [bob] }, other.adminCookie);
    await round();
    expect((await call('GET', `/api/bulk-jobs/${foreign.body.id}`, undefined, other.adminCookie)).body).toMatchObject({ changed: 0, skipped: 1 });
    expect((await call('GET', `/api/users/${bob}`)).body.role.name).toBe('Member');
  });

  it('should let only people who may make the change start, cancel or undo a job', async () => {
    const viewer = await t.signInAs(await t.createUser({ email: 'v@acme.test', roleKey: 'viewer' }));
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const res = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [bob] }, viewer);
    expect(res.status).toBe(403);
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [bob] });
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/cancel`, undefined, viewer)).status).toBe(403);
  });
});

describe('an attempt that fails with an error', () => {
  it('should show a fixed sentence, not the error, log the error with the job id, and try again', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'assign_role', roleId: roleId('viewer'), userIds: [bob] });
    const logged: { jobId?: string; msg: string; err?: { message: string } }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const internal = 'insert into "bulk_job_items" violates constraint bulk_job_items_pkey (internal detail)';
    await runDueBulkJobs(t.deps, logger, {
      inChunk: () => {
        throw new Error(internal);
      },
    });

    const failed = await call('GET', `/api/bulk-jobs/${start.body.id}`);
    expect(failed.body).toMatchObject({ status: 'running', processed: 0, lastErrorMessage: { code: 'attempt_failed', values: {} } });
    expect(failed.body.lastError).toBe('the last attempt failed with an error on the server (its log has the details)');
    expect(JSON.stringify(failed.body)).not.toContain('bulk_job_items_pkey');
    const listed = await call('GET', '/api/bulk-jobs');
    expect(JSON.stringify(listed.body)).not.toContain('bulk_job_items_pkey');
    expect(logged.find((l) => l.jobId === start.body.id && l.err?.message === internal)).toMatchObject({ msg: 'bulk job attempt failed; it is tried again' });

    t.clock.advance(60_000);
    await round();
    expect((await call('GET', `/api/bulk-jobs/${start.body.id}`)).body).toMatchObject({ status: 'done', changed: 1, lastError: null, lastErrorMessage: null });
  });
});
