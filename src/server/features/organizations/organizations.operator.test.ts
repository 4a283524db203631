import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, linkIn, usePostgres, type TestApp } from '../../../../test/helpers/test-app.js';

const TOKEN = 'operator-token-for-tests-0123456789abcdef';
const operator = { authorization: `Bearer ${TOKEN}` };

let t: TestApp;
afterEach(async () => t?.close());

async function withOperator(): Promise<TestApp> {
  t = await buildTestApp({ config: { operatorTokenHash: createHash('sha256').update(TOKEN).digest('hex') } });
  return t;
}

function createOrg(name: string, adminEmail: string) {
  return t.app.inject({ method: 'POST', url: '/operator/api/organizations', headers: operator, payload: { name, adminEmail } });
}

async function acceptInvitation(acceptUrl: string): Promise<string> {
  const accepted = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: new URL(acceptUrl).searchParams.get('token') } });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return `sofie_session=${accepted.cookies.find((c) => c.name === 'sofie_session')!.value}`;
}

function me(cookie: string) {
  return t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
}

describe('the operator API', () => {
  it('should not exist without OPERATOR_TOKEN, whoever asks', async () => {
    t = await buildTestApp();
    for (const headers of [{}, { cookie: t.adminCookie }, operator]) {
      const res = await t.app.inject({ method: 'GET', url: '/operator/api/organizations', headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('should refuse an organization administrator’s session and a wrong token', async () => {
    await withOperator();
    for (const headers of [{}, { cookie: t.adminCookie }, { authorization: 'Bearer not-the-operator-token' }, { authorization: TOKEN }]) {
      const res = await t.app.inject({ method: 'GET', url: '/operator/api/organizations', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('OPERATOR_TOKEN_INVALID');
    }
    const created = await t.app.inject({
      method: 'POST',
      url: '/operator/api/organizations',
      headers: { cookie: t.adminCookie },
      payload: { name: 'Sneaky', adminEmail: 'a@sneaky.test' },
    });
    expect(created.statusCode).toBe(401);
  });

  it('should create an organization with the system roles and invite its first administrator by mail', async () => {
    await withOperator();
    const res = await createOrg('Globex', 'Root@Globex.test');
    expect(res.statusCode, res.body).toBe(201);
    const { organization, invitation } = res.json();
    expect(organization).toMatchObject({ name: 'Globex', status: 'active', users: 1, activeUsers: 0, suspendedAt: null });
    expect(invitation.email).toBe('Root@Globex.test');

    const [mail] = await t.mailTo('Root@Globex.test');
    expect(mail.subject).toBe('You are invited to Globex on Sofie');
    expect(mail.text).toContain('as Admin');
    expect(linkIn(mail.text, '/invitations/accept').url).toBe(invitation.acceptUrl);

    const cookie = await acceptInvitation(invitation.acceptUrl);
    const who = (await me(cookie)).json();
    expect(who.organization.name).toBe('Globex');
    expect(who.user.roleName).toBe('Admin');
    const roles = await t.app.inject({ method: 'GET', url: '/api/roles', headers: { cookie } });
    const acmeRoles = await t.app.inject({ method: 'GET', url: '/api/roles', headers: { cookie: t.adminCookie } });
    const names = (r: typeof roles) => (r.json().items as { name: string }[]).map((x) => x.name).sort();
    expect(names(roles)).toEqual(names(acmeRoles));
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie } });
    expect(audit.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'organization.created', actor: expect.objectContaining({ label: 'Sofie operator' }) })]),
    );
  });

  it.each([
    ['a name another organization has (ignoring case)', { name: 'acme corp', adminEmail: 'x@acme.test' }, 409, 'ORGANIZATION_NAME_TAKEN'],
    ['an invalid administrator address', { name: 'Initech', adminEmail: 'not-an-address' }, 400, 'INVALID_ADMIN_EMAIL'],
    ['an empty name', { name: '', adminEmail: 'x@initech.test' }, 400, 'VALIDATION_FAILED'],
  ])('should refuse %s and create nothing', async (_title, payload, status, code) => {
    await withOperator();
    const res = await t.app.inject({ method: 'POST', url: '/operator/api/organizations', headers: operator, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    const list = await t.app.inject({ method: 'GET', url: '/operator/api/organizations', headers: operator });
    expect(list.json().items.map((o: { name: string }) => o.name)).toEqual(['Acme Corp']);
  });

  it('should list organizations by name a page at a time, with their account counts', async () => {
    await withOperator();
    await createOrg('Zeta', 'z@zeta.test');
    await createOrg('Beta', 'b@beta.test');
    await t.createUser({ email: 'second@acme.test' });
    const first = await t.app.inject({ method: 'GET', url: '/operator/api/organizations?limit=2', headers: operator });
    expect(first.json().items.map((o: { name: string }) => o.name)).toEqual(['Acme Corp', 'Beta']);
    expect(first.json().items[0]).toMatchObject({ users: 2, activeUsers: 2 });
    const second = await t.app.inject({ method: 'GET', url: `/operator/api/organizations?limit=2&cursor=${first.json().nextCursor}`, headers: operator });
    expect(second.json()).toMatchObject({ items: [expect.objectContaining({ name: 'Zeta' })], nextCursor: null });
    const bad = await t.app.inject({ method: 'GET', url: '/operator/api/organizations?cursor=nonsense', headers: operator });
    expect(bad.json().error.code).toBe('INVALID_CURSOR');
  });
});

describe('suspending an organization', () => {
  it('should end its sessions at once, refuse its sign-ins and service tokens, and leave other organizations alone', async () => {
    await withOperator();
    const created = (await createOrg('Globex', 'admin@acme.test')).json();
    const globexCookie = await acceptInvitation(created.invitation.acceptUrl);
    const token = (await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: globexCookie }, payload: { name: 'collector' } })).json()
      .token as string;
    const serviceCall = () =>
      t.app.inject({ method: 'POST', url: '/api/usage/events', headers: { authorization: `Bearer ${token}` }, payload: { events: [] } });
    expect((await serviceCall()).statusCode).not.toBe(401);
    // A sign-in link asked for before the suspension, used after it.
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } });
    const globexLink = (await t.mailTo('admin@acme.test')).find((m) => m.subject === 'Your Sofie sign-in link for Globex')!;

    const suspended = await t.app.inject({
      method: 'POST',
      url: '/operator/api/organizations/globex/suspend',
      headers: operator,
      payload: { reason: 'Contract ended' },
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ organization: { status: 'suspended' }, sessionsEnded: 1 });

    expect((await me(globexCookie)).json().error.code).toBe('SESSION_EXPIRED');
    expect((await me(t.adminCookie)).statusCode).toBe(200);
    expect((await serviceCall()).json().error.code).toBe('SERVICE_TOKEN_INVALID');
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link/verify',
      payload: { token: linkIn(globexLink.text, '/sign-in/verify').token },
    });
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('ORGANIZATION_SUSPENDED');

    const before = (await t.mailTo('admin@acme.test')).length;
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } });
    const sent = (await t.mailTo('admin@acme.test')).slice(before);
    expect(sent.map((m) => m.subject)).toEqual(['Your Sofie sign-in link for Acme Corp']);

    const again = await t.app.inject({ method: 'POST', url: `/operator/api/organizations/${created.organization.id}/suspend`, headers: operator, payload: {} });
    expect(again.json().error.code).toBe('ORGANIZATION_ALREADY_SUSPENDED');
    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', created.organization.id)
      .where('action', '=', 'organization.suspended')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_label: 'Sofie operator', reason: 'Contract ended', actor_user_id: null });
  });

  it('should let its people sign in again once resumed, with their old sessions still ended', async () => {
    await withOperator();
    const created = (await createOrg('Globex', 'root@globex.test')).json();
    const cookie = await acceptInvitation(created.invitation.acceptUrl);
    await t.app.inject({ method: 'POST', url: '/operator/api/organizations/Globex/suspend', headers: operator, payload: {} });
    const resumed = await t.app.inject({ method: 'POST', url: '/operator/api/organizations/Globex/resume', headers: operator, payload: {} });
    expect(resumed.json()).toMatchObject({ status: 'active', suspendedAt: null });
    expect((await me(cookie)).statusCode).toBe(401);
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'root@globex.test' } });
    const link = linkIn((await t.mailTo('root@globex.test')).pop()!.text, '/sign-in/verify');
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: link.token } });
    expect(signedIn.statusCode).toBe(200);
  });

  it('should ask for the id when several organizations share the name', async () => {
    await withOperator();
    await t.newOrganization('Twin', 'a@twin.test');
    await t.newOrganization('twin', 'b@twin.test');
    const res = await t.app.inject({ method: 'POST', url: '/operator/api/organizations/Twin/suspend', headers: operator, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ORGANIZATION_NAME_AMBIGUOUS', details: { ids: expect.any(Array) } });
  });
});

/** Tables with an organization_id column, read from the database itself (so a table added later is checked too). */
async function tablesWithOrganizationId(): Promise<string[]> {
  if (usePostgres) {
    const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'organization_id'`.execute(t.deps.db);
    return rows.map((r) => r.table_name);
  }
  const { rows } = await sql<{ name: string }>`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
    WHERE m.type = 'table' AND c.name = 'organization_id'`.execute(t.deps.db);
  return rows.map((r) => r.name);
}

async function rowsOf(organizationId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithOrganizationId()) {
    if (table === 'operator_events') continue;
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} WHERE organization_id = ${organizationId}`.execute(t.deps.db);
    if (Number(rows[0].n) > 0) counts[table] = Number(rows[0].n);
  }
  return counts;
}

describe('deleting an organization', () => {
  it('should delete only a suspended organization whose exact name is typed, remove every row of it and keep the operator’s record', async () => {
    await withOperator();
    const created = (await createOrg('Globex', 'root@globex.test')).json();
    const id = created.organization.id as string;
    const cookie = await acceptInvitation(created.invitation.acceptUrl);
    await t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload: { entries: [{ email: 'new@globex.test' }] } });
    await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie }, payload: { name: 'Sales' } });
    await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie }, payload: { name: 'collector' } });
    expect(Object.keys(await rowsOf(id))).toEqual(
      expect.arrayContaining(['users', 'roles', 'sessions', 'invitations', 'groups', 'service_tokens', 'audit_events']),
    );
    const acmeBefore = await rowsOf(t.org.organizationId);

    const active = await t.app.inject({
      method: 'POST',
      url: `/operator/api/organizations/${id}/delete`,
      headers: operator,
      payload: { confirmName: 'Globex' },
    });
    expect(active.json().error.code).toBe('ORGANIZATION_NOT_SUSPENDED');
    await t.app.inject({ method: 'POST', url: `/operator/api/organizations/${id}/suspend`, headers: operator, payload: {} });
    const mistyped = await t.app.inject({
      method: 'POST',
      url: `/operator/api/organizations/${id}/delete`,
      headers: operator,
      payload: { confirmName: 'globex' },
    });
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json().error.code).toBe('DELETE_CONFIRMATION_MISMATCH');

    const deleted = await t.app.inject({
      method: 'POST',
      url: `/operator/api/organizations/${id}/delete`,
      headers: operator,
      payload: { confirmName: 'Globex', reason: 'Customer asked for erasure' },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json().removed).toMatchObject({ users: 2, roles: 7 });
    expect(await rowsOf(id)).toEqual({});
    expect(await rowsOf(t.org.organizationId)).toEqual(acmeBefore);
    const list = await t.app.inject({ method: 'GET', url: '/operator/api/organizations', headers: operator });
    expect(list.json().items.map((o: { name: string }) => o.name)).toEqual(['Acme Corp']);
    const record = await t.deps.db.selectFrom('operator_events').selectAll().where('organization_id', '=', id).orderBy('id').execute();
    expect(record.map((e) => e.action)).toEqual(['organization.created', 'organization.suspended', 'organization.deleted']);
    expect(record[2]).toMatchObject({ organization_name: 'Globex', reason: 'Customer asked for erasure', actor_label: expect.stringContaining('api from') });
  });
});
