import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecurityAlert } from '../../src/contracts/alerts.js';
import { FAILED_SIGN_IN_THRESHOLD } from '../../src/server/features/alerts/alerts.signals.js';
import { recordAudit, type AuditInput } from '../../src/server/platform/audit.js';
import { alertTitle } from '../../src/web/features/alerts/components/alertTitle.js';
import { isMessageKey } from '../../src/web/shared/i18n/index.js';
import { registerItems, sampleItems, serviceToken } from '../helpers/content.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** The console words each alert's title from its message code and values, in the same English the server writes. */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function write(input: AuditInput, from: { ip?: string; userAgent?: string } = {}) {
  const ctx = { deps: t.deps, organizationId: t.org.organizationId, actor: null, ip: from.ip ?? null, userAgent: from.userAgent ?? null };
  await t.deps.db.transaction().execute((trx) => recordAudit(trx, ctx, input));
}

describe('alert titles in the console’s words', () => {
  it('should word every kind of alert from its code exactly as the server wrote it in English', async () => {
    const admin = { type: 'user', id: t.org.adminUserId, label: 'admin@acme.test' };
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const [adminRole, memberRole] = [t.org.roleIds.get('admin')!, t.org.roleIds.get('member')!];
    await write({
      action: 'user.role_changed',
      category: 'access',
      risk: 'high',
      subject: { type: 'user', id: bob, label: 'bob@acme.test' },
      before: { role: { id: memberRole, name: 'Member' } },
      after: { role: { id: adminRole, name: 'Admin' } },
    });
    await write({ action: 'organization.settings_updated', category: 'policy', risk: 'high', before: {}, after: {} });
    const role = { type: 'role', id: memberRole, label: 'Member' };
    await write({
      action: 'role.updated',
      category: 'policy',
      risk: 'high',
      subject: role,
      before: { securityPolicy: {} },
      after: { securityPolicy: { idle: 30 } },
    });
    await write({ action: 'role.updated', category: 'policy', risk: 'high', subject: role, before: {}, after: { gained: ['users.assign_role'] } });
    await write({ action: 'passkey.removed', category: 'auth', risk: 'high', subject: admin });
    await write({ action: 'service_token.created', category: 'admin', risk: 'medium', subject: { type: 'service_token', id: 'st1', label: 'Warehouse' } });
    await write({ action: 'scim_token.created', category: 'admin', risk: 'medium', subject: { type: 'scim_token', id: 'sc1', label: 'Okta' } });
    for (let i = 0; i < FAILED_SIGN_IN_THRESHOLD; i++)
      await write(
        { action: 'auth.magic_link_failed', category: 'auth', risk: 'medium', subject: { type: 'user', id: 'u1', label: 'p@acme.test' } },
        { ip: '203.0.113.66' },
      );
    const chrome = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    await write({ action: 'auth.signed_in', category: 'auth', risk: 'low', subject: admin }, { ip: '203.0.113.10', userAgent: firefox });
    await write({ action: 'auth.signed_in', category: 'auth', risk: 'low', subject: admin }, { ip: '192.0.2.5', userAgent: chrome });

    // Someone who still owns content, deactivated and then deleted.
    const owner = await t.createUser({ email: 'owner@acme.test' });
    await registerItems(t, await serviceToken(t), sampleItems(owner));
    const ownerSubject = { type: 'user', id: owner, label: 'owner@acme.test' };
    await write({ action: 'user.deactivated', category: 'access', risk: 'medium', subject: ownerSubject });
    await write({ action: 'user.deleted', category: 'access', risk: 'high', subject: ownerSubject });

    const res = await t.app.inject({ method: 'GET', url: '/api/security/alerts?status=open&limit=200', headers: { cookie: t.adminCookie } });
    expect(res.statusCode, res.body).toBe(200);
    const alerts = res.json().items as SecurityAlert[];
    const codes = [...new Set(alerts.map((a) => a.titleMessage?.code))].sort();
    expect(codes).toEqual([
      'admin_new_origin.device',
      'admin_new_origin.network',
      'failed_sign_ins.address',
      'failed_sign_ins.ip',
      'owner_offboarded.deactivated',
      'owner_offboarded.deleted',
      'privileged_passkey_removed',
      'privileged_role_granted',
      'security_policy_changed.organization',
      'security_policy_changed.role_policy',
      'security_policy_changed.role_privileges',
      'token_created.scim',
      'token_created.service',
    ]);
    for (const alert of alerts) {
      expect(isMessageKey(`alert.title.${alert.titleMessage!.code}`), alert.titleMessage!.code).toBe(true);
      expect(alertTitle(alert)).toBe(alert.title);
    }
  });
});
