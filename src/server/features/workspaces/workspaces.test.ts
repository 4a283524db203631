import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { fillDemoOrganization } from '../organizations/organizations.demo.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = t.adminCookie) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() };
}

async function createGroup(name: string, userIds: string[]) {
  const g = await api('POST', '/api/groups', { name });
  expect(g.status).toBe(201);
  if (userIds.length) expect((await api('POST', `/api/groups/${g.body.id}/members`, { userIds })).status).toBeLessThan(300);
  return g.body.id as string;
}

describe('Workspaces', () => {
  it('should create each type, make the owner a direct Admin, and register the Workspace as owned content', async () => {
    const owner = await t.createUser({ email: 'owen@acme.test', name: 'Owen Owner' });
    for (const type of ['personal', 'collaborative', 'organization'] as const) {
      const res = await api('POST', '/api/workspaces', { name: `WS ${type}`, type, ownerUserId: owner });
      expect(res.status).toBe(201);
      expect(res.body.type).toBe(type);
      expect(res.body.owner).toEqual({ id: owner, name: 'Owen Owner' });
      expect(res.body.members).toEqual([expect.objectContaining({ type: 'user', id: owner, role: 'admin' })]);
    }
    const list = await api('GET', '/api/workspaces');
    expect(list.body.items.map((w: { name: string }) => w.name)).toEqual(['WS collaborative', 'WS organization', 'WS personal']);
    const detail = await api('GET', `/api/users/${owner}`);
    expect(detail.body.ownedContent.find((c: { type: string }) => c.type === 'workspace').count).toBe(3);
  });

  it('should show effective access as direct plus via groups, naming the path, and the highest role', async () => {
    const ada = await t.createUser({ email: 'ada@acme.test', name: 'Ada' });
    const bob = await t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    const finance = await createGroup('Finance', [ada, bob]);
    const ws = (await api('POST', '/api/workspaces', { name: 'Budget 2027', type: 'collaborative' })).body;
    const updated = await api('PUT', `/api/workspaces/${ws.id}/members`, {
      members: [
        { type: 'group', id: finance, role: 'viewer' },
        { type: 'user', id: ada, role: 'editor' },
      ],
    });
    expect(updated.status).toBe(200);
    const adaAccess = updated.body.effectiveAccess.find((e: { user: { id: string } }) => e.user.id === ada);
    expect(adaAccess.role).toBe('editor');
    expect(adaAccess.paths).toEqual(
      expect.arrayContaining([
        { via: 'direct', role: 'editor' },
        { via: 'group', role: 'viewer', group: { id: finance, name: 'Finance' } },
      ]),
    );
    const bobAccess = updated.body.effectiveAccess.find((e: { user: { id: string } }) => e.user.id === bob);
    expect(bobAccess).toEqual(expect.objectContaining({ role: 'viewer', paths: [{ via: 'group', role: 'viewer', group: { id: finance, name: 'Finance' } }] }));

    const bobWs = await api('GET', `/api/users/${bob}/workspaces`);
    expect(bobWs.body.items).toEqual([
      expect.objectContaining({ workspace: { id: ws.id, name: 'Budget 2027', type: 'collaborative' }, role: 'viewer', owned: false }),
    ]);
    const detail = await api('GET', `/api/users/${bob}`);
    expect(detail.body.workspaces).toHaveLength(1);
    expect(detail.body.checklist.find((c: { key: string }) => c.key === 'workspaces')).toEqual(expect.objectContaining({ state: 'ok' }));
    expect(detail.body.checklist.find((c: { key: string }) => c.key === 'workspaces').detail).toContain('via Finance');
    expect(detail.body.checklist.find((c: { key: string }) => c.key === 'first_workspace')).toEqual(expect.objectContaining({ state: 'ok' }));

    // Bob, a Member without admin permissions, sees where his own first Workspace lives.
    const own = await api('GET', '/api/account/workspaces', undefined, await t.signInAs(bob));
    expect(own.status).toBe(200);
    expect(own.body.items.map((w: { workspace: { name: string } }) => w.workspace.name)).toEqual(['Budget 2027']);
  });

  it('should flag a user with no Workspace in the checklist', async () => {
    const lonely = await t.createUser({ email: 'lonely@acme.test' });
    const detail = await api('GET', `/api/users/${lonely}`);
    expect(detail.body.checklist.find((c: { key: string }) => c.key === 'workspaces').state).toBe('attention');
    expect(detail.body.checklist.find((c: { key: string }) => c.key === 'first_workspace').state).toBe('attention');
  });

  it('should refuse groups in a Personal Workspace, removing the last Admin, and unknown members', async () => {
    const g = await createGroup('Legal', []);
    const personal = (await api('POST', '/api/workspaces', { name: 'Mine', type: 'personal' })).body;
    expect((await api('PUT', `/api/workspaces/${personal.id}/members`, { members: [{ type: 'group', id: g, role: 'viewer' }] })).body.error.code).toBe(
      'PERSONAL_WORKSPACE_GROUP',
    );
    expect((await api('DELETE', `/api/workspaces/${personal.id}/members/user/${t.org.adminUserId}`)).body.error.code).toBe('LAST_WORKSPACE_ADMIN');
    const shared = (await api('POST', '/api/workspaces', { name: 'Shared', type: 'collaborative' })).body;
    const unknown = await api('PUT', `/api/workspaces/${shared.id}/members`, { members: [{ type: 'user', id: 'nope', role: 'viewer' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('MEMBER_NOT_FOUND');
    const demote = await api('PUT', `/api/workspaces/${shared.id}/members`, { members: [{ type: 'user', id: t.org.adminUserId, role: 'viewer' }] });
    expect(demote.body.error.code).toBe('LAST_WORKSPACE_ADMIN');
    const bad = await api('POST', '/api/workspaces', { name: 'X', type: 'secret' });
    expect(bad.status).toBe(400);
  });

  it('should give everyone Viewer access to an Organization Workspace, via the organization', async () => {
    const eve = await t.createUser({ email: 'eve@acme.test' });
    const ws = (await api('POST', '/api/workspaces', { name: 'Company handbook', type: 'organization' })).body;
    const eveWs = await api('GET', `/api/users/${eve}/workspaces`);
    expect(eveWs.body.items).toEqual([
      expect.objectContaining({ workspace: expect.objectContaining({ id: ws.id }), role: 'viewer', paths: [{ via: 'organization', role: 'viewer' }] }),
    ]);
    // The checklist says what she reaches rather than "not a member of any Workspace".
    const item = (await api('GET', `/api/users/${eve}`)).body.checklist.find((c: { key: string }) => c.key === 'workspaces');
    expect(item).toMatchObject({
      state: 'attention',
      detail:
        'Reaches only organization-wide Workspaces, as everyone does (Company handbook); not a member of any other Workspace, directly or through a group.',
    });
  });

  it('should not list a deactivated member as having access, and list them again once reactivated', async () => {
    const dan = await t.createUser({ email: 'dan@acme.test', name: 'Dan' });
    const ws = (await api('POST', '/api/workspaces', { name: 'Roadmap', type: 'collaborative' })).body;
    expect((await api('PUT', `/api/workspaces/${ws.id}/members`, { members: [{ type: 'user', id: dan, role: 'editor' }] })).status).toBe(200);
    expect((await api('POST', `/api/users/${dan}/deactivate`, { reason: 'Leave' })).status).toBe(200);
    const during = (await api('GET', `/api/workspaces/${ws.id}`)).body;
    expect(during.effectiveAccess.map((e: { user: { email: string } }) => e.user.email)).toEqual(['admin@acme.test']);
    expect(during.effectiveAccessTotal).toBe(1);
    expect(during.members.map((m: { id: string }) => m.id)).toContain(dan);
    expect((await api('POST', `/api/users/${dan}/reactivate`, {})).status).toBe(200);
    const after = (await api('GET', `/api/workspaces/${ws.id}`)).body;
    expect(after.effectiveAccess.find((e: { user: { id: string } }) => e.user.id === dan)).toMatchObject({ role: 'editor' });
  });

  it('should not let a member administer Workspaces, nor reach another organization’s', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test', roleKey: 'member' }));
    expect((await api('GET', '/api/workspaces', undefined, member)).status).toBe(403);
    expect((await api('POST', '/api/workspaces', { name: 'x', type: 'collaborative' }, member)).status).toBe(403);
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const theirs = (await api('POST', '/api/workspaces', { name: 'Globex secrets', type: 'collaborative' }, other.adminCookie)).body;
    expect((await api('GET', `/api/workspaces/${theirs.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/workspaces/${theirs.id}/members`, { members: [{ type: 'user', id: t.org.adminUserId, role: 'admin' }] })).status).toBe(404);
    expect((await api('GET', '/api/workspaces')).body.items).toHaveLength(0);
    const mine = (await api('POST', '/api/workspaces', { name: 'Acme', type: 'collaborative' })).body;
    const cross = await api('PUT', `/api/workspaces/${mine.id}/members`, { members: [{ type: 'user', id: other.adminUserId, role: 'viewer' }] });
    expect(cross.status).toBe(404);
  });

  it('should fill the demo organization with Workspaces of each type and owned content', async () => {
    expect(await fillDemoOrganization(t.deps, t.org.organizationId)).toBeGreaterThan(0);
    const list = await api('GET', '/api/workspaces?limit=200');
    expect(new Set(list.body.items.map((w: { type: string }) => w.type))).toEqual(new Set(['personal', 'collaborative', 'organization']));
    const items = await api('GET', '/api/content-items?limit=200');
    expect(new Set(items.body.items.map((i: { type: string }) => i.type)).size).toBe(7);
    const owner = items.body.items.find((i: { type: string }) => i.type === 'sequence').owner.id;
    const review = await api('GET', `/api/users/${owner}/ownership`);
    expect(review.body.ownedTotal).toBeGreaterThan(0);
  });
});
