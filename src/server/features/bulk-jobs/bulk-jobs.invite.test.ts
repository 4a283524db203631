import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { OutgoingMail } from '../../platform/mail/mail-transport.js';
import { runDueBulkJobs, type BulkJobHooks } from './index.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const call = async (method: 'GET' | 'POST', url: string, payload?: object, cookie = t.adminCookie) => {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
const round = (hooks: BulkJobHooks = {}) => runDueBulkJobs(t.deps, t.app.log, hooks);
const job = async (id: string) => (await call('GET', `/api/bulk-jobs/${id}`)).body;
/** Worker rounds until the job has finished. */
const runToEnd = async (id: string, hooks: BulkJobHooks = {}) => {
  while (['queued', 'running'].includes((await job(id)).status)) await round(hooks);
  return job(id);
};

const count = async (table: 'invitations' | 'mail_outbox' | 'audit_events', where: (q: any) => any = (q) => q) =>
  Number((await where(t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow()).n);
const auditCount = (action: string) => count('audit_events', (q) => q.where('organization_id', '=', t.org.organizationId).where('action', '=', action));

const people = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ line: from + i + 1, email: `person${String(from + i).padStart(4, '0')}@acme.test` }));

// The console sends a file of more than 1,000 rows this way; the server takes any size, so these
// tests stay small (test/api/invite-job-crash.test.ts runs 1,001 rows through a killed server).
describe('a CSV import as a bulk job', () => {
  it('should invite every row in chunks with progress, as a single invite does, and report the rows it could not', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test', roleKey: 'member' });
    const rows = [
      ...people(120),
      { line: 121, email: 'PERSON0005@acme.test' },
      { line: 122, email: 'not-an-email' },
      { line: 123, email: 'wizard@acme.test', role: 'Wizard' },
      { line: 124, email: 'bob@acme.test', role: 'viewer' },
      { line: 125, email: 'carol@acme.test', role: 'publisher', name: 'Carol C' },
    ];
    const start = await call('POST', '/api/bulk-jobs/invitations', { rows, fileName: 'people.csv', reason: 'Spring intake' });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({ kind: 'invite_csv', status: 'queued', total: 125, processed: 0, target: { name: 'people.csv' }, undoableUntil: null });

    await round({ chunkSize: 50, chunksPerClaim: 1 });
    expect(await job(start.body.id)).toMatchObject({ status: 'running', processed: 50, changed: 50 });

    const done = await runToEnd(start.body.id, { chunkSize: 50 });
    expect(done).toMatchObject({ status: 'done', processed: 125, changed: 122, skipped: 3, undoableUntil: null });
    expect(done.failures.map((f: { line: number; email: string; code: string }) => [f.line, f.email, f.code])).toEqual([
      [121, 'PERSON0005@acme.test', 'DUPLICATE_IN_REQUEST'],
      [122, 'not-an-email', 'INVALID_EMAIL'],
      [123, 'wizard@acme.test', 'ROLE_NOT_FOUND'],
    ]);
    expect(done.failures[2].message).toContain('Unknown role "Wizard"');

    // As a single invitation: a pending invitation, its mail in the outbox and its audit event, each once.
    const pending = await count('invitations', (q) => q.where('organization_id', '=', t.org.organizationId).where('status', '=', 'pending'));
    expect(pending).toBe(121);
    expect(await count('mail_outbox', (q) => q.where('to_address', 'like', 'person%'))).toBe(120);
    expect(await auditCount('invitation.sent')).toBe(121);
    const event = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'invitation.sent').limit(1).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ reason: 'Spring intake', actor_user_id: t.org.adminUserId });
    expect((await call('GET', `/api/users/${bob}`)).body.role.name).toBe('Viewer');
    const [carolMail] = await t.mailTo('carol@acme.test');
    expect(carolMail.text).toContain('as Publisher');
    expect(await auditCount('bulk_job.finished')).toBe(1);
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/undo`)).body.error.code).toBe('BULK_JOB_NOT_UNDOABLE');

    // The results file has every row of the upload, in file order, as the console's file for a small one.
    const file = await t.app.inject({ method: 'GET', url: `/api/bulk-jobs/${start.body.id}/results.csv`, headers: { cookie: t.adminCookie } });
    expect(file.headers['content-type']).toContain('text/csv');
    const lines = file.body.split(/\r?\n/);
    expect(lines).toHaveLength(126);
    expect(lines[0]).toBe('line,email,outcome,message');
    expect(lines[1]).toBe('1,person0000@acme.test,invited,');
    expect(lines[121]).toBe('121,PERSON0005@acme.test,rejected,PERSON0005@acme.test: This address appears more than once in the list.');
    expect(lines[124]).toBe('124,bob@acme.test,updated,');
  });

  it('should stop after the chunk in flight when cancelled and keep the invitations already sent', async () => {
    const start = await call('POST', '/api/bulk-jobs/invitations', { rows: people(30) });
    await round({ chunkSize: 10, chunksPerClaim: 1 });
    const cancel = await call('POST', `/api/bulk-jobs/${start.body.id}/cancel`);
    expect(cancel.body).toMatchObject({ cancelRequested: true, processed: 10 });
    await round({ chunkSize: 10 });
    expect(await job(start.body.id)).toMatchObject({ status: 'cancelled', processed: 10, changed: 10 });
    expect(await count('invitations', (q) => q.where('organization_id', '=', t.org.organizationId))).toBe(10);
    expect(await auditCount('bulk_job.cancelled')).toBe(1);
  });

  it('should reject a file with no rows or a malformed row as a whole, and queue nothing', async () => {
    expect((await call('POST', '/api/bulk-jobs/invitations', { rows: [] })).status).toBe(400);
    expect((await call('POST', '/api/bulk-jobs/invitations', { rows: [{ line: 1 }] })).status).toBe(400);
    expect((await call('GET', '/api/bulk-jobs')).body.items).toEqual([]);
  });

  it('should let only people who may invite start or cancel one, and keep it to its organization', async () => {
    const viewer = await t.signInAs(await t.createUser({ email: 'v@acme.test', roleKey: 'viewer' }));
    const refused = await call('POST', '/api/bulk-jobs/invitations', { rows: people(1) }, viewer);
    expect(refused.status).toBe(403);
    const start = await call('POST', '/api/bulk-jobs/invitations', { rows: people(1) });
    expect((await call('POST', `/api/bulk-jobs/${start.body.id}/cancel`, undefined, viewer)).status).toBe(403);
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    expect((await call('GET', `/api/bulk-jobs/${start.body.id}`, undefined, other.adminCookie)).status).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/bulk-jobs/${start.body.id}/results.csv`, headers: { cookie: other.adminCookie } })).statusCode).toBe(
      404,
    );
  });

  it('should report, row by row, a role change the starter may not make, as the single invite does', async () => {
    await t.createUser({ email: 'member@acme.test', roleKey: 'member' });
    const permissions = [
      'users.view',
      'users.invite',
      'workspaces.view',
      'workspaces.edit',
      'integrations.connect',
      'workspaces.create_shared',
      'orchestrations.share',
    ];
    const recruiter = await t.userWithPermissions('rec@acme.test', permissions, { roleName: 'Recruiter' });
    const start = await call('POST', '/api/bulk-jobs/invitations', { rows: [{ line: 1, email: 'member@acme.test', role: 'viewer' }] }, recruiter.cookie);
    expect(start.status).toBe(202);
    const done = await runToEnd(start.body.id);
    expect(done).toMatchObject({ changed: 0, skipped: 1, failures: [{ line: 1, email: 'member@acme.test', code: 'ROLE_CHANGE_NOT_ALLOWED' }] });
  });
});

describe('a CSV import run by the server’s own workers', () => {
  it('should send its invitations as soon as their chunk commits, not at the mail worker’s next poll', async () => {
    // The mail worker polls once an hour here: only being woken sends the mail within the test.
    const served = await buildTestApp({ workers: { mailPollMs: 3_600_000 } });
    try {
      const sent = new Promise<OutgoingMail>((resolve) => {
        served.deps.mailTransport = { send: async (mail) => resolve(mail), close: () => undefined };
      });
      const start = await served.app.inject({
        method: 'POST',
        url: '/api/bulk-jobs/invitations',
        headers: { cookie: served.adminCookie },
        payload: { rows: [{ line: 1, email: 'dana@acme.test' }] },
      });
      expect(start.statusCode).toBe(202);
      expect(await sent).toMatchObject({ to: 'dana@acme.test', subject: expect.stringContaining('invited') });
    } finally {
      await served.close();
    }
  });
});
