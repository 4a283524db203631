import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkJobDetail } from '../../src/contracts/bulk-jobs.js';
import { runDueBulkJobs } from '../../src/server/features/bulk-jobs/index.js';
import { jobStopText, skipReasonText } from '../../src/web/features/bulk-jobs/jobWords.js';
import { errorKey } from '../../src/web/shared/errorText.js';
import { isMessageKey } from '../../src/web/shared/i18n/index.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A bulk job's skip reasons and why it stopped, in the console's words: every reason the server can
 * give a skipped user or CSV row has its catalogue sentence, and the console's English is the server's.
 */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const roleId = (key: string) => t.org.roleIds.get(key)!;
async function call(method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH', url: string, payload?: object, cookie = t.adminCookie) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
/** Starts a job, runs it to its end and answers its detail. */
async function run(url: string, payload: object, cookie = t.adminCookie): Promise<BulkJobDetail> {
  const start = await call('POST', url, payload, cookie);
  expect(start.status, JSON.stringify(start.body)).toBe(202);
  return finish(start.body.id);
}
async function finish(id: string): Promise<BulkJobDetail> {
  for (;;) {
    const job = (await call('GET', `/api/bulk-jobs/${id}`)).body as BulkJobDetail;
    if (!['queued', 'running'].includes(job.status)) return job;
    await runDueBulkJobs(t.deps, t.app.log);
  }
}
const setStatus = (id: string, status: 'deleted') => t.deps.db.updateTable('users').set({ status }).where('id', '=', id).execute();

describe('bulk job messages in the console’s words', () => {
  it('should word every reason a job skips a user or a row exactly as the server wrote it', async () => {
    const admin = t.org.adminUserId;
    const manager = await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' });
    const managerCookie = await t.signInAs(manager);
    const otherAdmin = await t.createUser({ email: 'root@acme.test', roleKey: 'admin' });
    const member = await t.createUser({ email: 'mia@acme.test' });
    const gone = await t.createUser({ email: 'gone@acme.test' });
    await setStatus(gone, 'deleted');
    const away = await t.createUser({ email: 'away@acme.test', status: 'deactivated' });
    const synced = await t.createUser({ email: 'okta@acme.test' });
    await t.deps.db.updateTable('users').set({ provisioned_by: 'Okta' }).where('id', '=', synced).execute();
    const group = (await call('POST', '/api/groups', { name: 'Design' })).body.id as string;

    const jobs: BulkJobDetail[] = [];
    const viewer = { action: 'assign_role', roleId: roleId('viewer') };
    jobs.push(await run('/api/bulk-jobs', { ...viewer, userIds: [admin, gone, 'no-such-user', member] }));
    jobs.push(await run('/api/bulk-jobs', { ...viewer, userIds: [otherAdmin] }, managerCookie));
    // A role that gains what the starter lacks between the start and the run.
    const raised = await call('POST', '/api/bulk-jobs', { ...viewer, userIds: [member] }, managerCookie);
    const viewerPermissions = JSON.parse(
      (await t.deps.db.selectFrom('roles').select('permissions').where('id', '=', roleId('viewer')).executeTakeFirstOrThrow()).permissions,
    ) as string[];
    await t.deps.db
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...viewerPermissions, 'roles.manage']) })
      .where('id', '=', roleId('viewer'))
      .execute();
    jobs.push(await finish(raised.body.id));
    await t.deps.db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(viewerPermissions) })
      .where('id', '=', roleId('viewer'))
      .execute();
    jobs.push(await run('/api/bulk-jobs', { action: 'add_to_group', groupId: group, userIds: [gone, otherAdmin, member] }, managerCookie));
    jobs.push(await run('/api/bulk-jobs', { action: 'deactivate', userIds: [admin, gone, away, synced] }));
    jobs.push(await run('/api/bulk-jobs', { action: 'deactivate', userIds: [otherAdmin] }, managerCookie));
    // Undo leaves alone whom someone changed since; a group deleted before its job runs skips everyone.
    const promoted = await run('/api/bulk-jobs', { action: 'assign_role', roleId: roleId('publisher'), userIds: [member] });
    await call('PUT', `/api/users/${member}/role`, { roleId: roleId('member') });
    const undo = await call('POST', `/api/bulk-jobs/${promoted.id}/undo`);
    jobs.push(await finish(undo.body.id));
    const doomed = (await call('POST', '/api/groups', { name: 'Doomed' })).body.id as string;
    const queued = await call('POST', '/api/bulk-jobs', { action: 'add_to_group', groupId: doomed, userIds: [member] });
    await call('DELETE', `/api/groups/${doomed}`);
    jobs.push(await finish(queued.body.id));
    await call('PATCH', '/api/organization/settings', { allowedEmailDomains: ['acme.test'] });
    const rows = [
      { line: 1, email: 'new@acme.test' },
      { line: 2, email: 'NEW@acme.test' },
      { line: 3, email: '' },
      { line: 4, email: 'not-an-email' },
      { line: 5, email: 'wiz@acme.test', role: 'Wizard' },
      { line: 6, email: 'out@elsewhere.test' },
      { line: 7, email: 'grp@acme.test', group: 'Nobody' },
    ];
    jobs.push(await run('/api/bulk-jobs/invitations', { rows, fileName: 'people.csv' }));

    const seen = new Set<string>();
    for (const job of jobs)
      for (const failure of job.failures) {
        const key = errorKey(failure.code, failure.message, failure.details);
        seen.add(key ?? `unworded ${failure.code}: ${failure.message}`);
        expect(skipReasonText(failure)).toBe(failure.message);
      }
    expect([...seen].sort()).toEqual([
      'error.ALREADY_DEACTIVATED',
      'error.CHANGED_SINCE',
      'error.DOMAIN_NOT_ALLOWED.details',
      'error.DUPLICATE_IN_REQUEST.details.row',
      'error.GROUP_NOT_FOUND.details.named',
      'error.GROUP_NOT_FOUND.users',
      'error.INVALID_EMAIL.details.address',
      'error.INVALID_EMAIL.details.none',
      'error.MANAGED_BY_IDENTITY_PROVIDER.details.bulk',
      'error.ROLE_ESCALATION.details.assign',
      'error.ROLE_NOT_FOUND.details.csv',
      'error.SELF_DEACTIVATION',
      'error.SELF_ROLE_CHANGE',
      'error.TARGET_OUTRANKS_ACTOR.details.one',
      'error.USER_DELETED.details.role',
      'error.USER_DELETED.offboarding',
      'error.USER_DELETED.users',
      'error.USER_NOT_FOUND.users',
    ]);
  });

  it('should word why a job stopped as the server wrote it', async () => {
    const manager = await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' });
    const member = await t.createUser({ email: 'mia@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'deactivate', userIds: [member] }, await t.signInAs(manager));
    // The person who started it loses the permission it needs before it runs.
    await t.deps.db
      .updateTable('users')
      .set({ role_id: roleId('viewer') })
      .where('id', '=', manager)
      .execute();
    const job = await finish(start.body.id);
    expect(job).toMatchObject({ status: 'failed', lastErrorMessage: { code: 'starter_cannot_continue', values: {} } });
    expect(isMessageKey(`bulkJobs.stopped.${job.lastErrorMessage!.code}`)).toBe(true);
    expect(jobStopText(job)).toBe(job.lastError);
  });

  it('should word an attempt that failed with an error as the server wrote it', async () => {
    const member = await t.createUser({ email: 'mia@acme.test' });
    const start = await call('POST', '/api/bulk-jobs', { action: 'deactivate', userIds: [member] });
    const fail = () => Promise.reject(new Error('internal detail'));
    await runDueBulkJobs(t.deps, t.app.log, { inChunk: fail });
    const job = (await call('GET', `/api/bulk-jobs/${start.body.id}`)).body as BulkJobDetail;
    expect(job.lastErrorMessage).toEqual({ code: 'attempt_failed', values: {} });
    expect(jobStopText(job)).toBe(job.lastError);
  });
});
