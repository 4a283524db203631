import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSecurity } from '../../src/contracts/passkeys.js';
import { passkeyMfaExplanation } from '../../src/web/features/account/components/security/passkeyMfaWords.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Account > Security says why the reader needs a passkey from the policy, in the server's English word for word. */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('the passkey MFA explanation in the console’s words', () => {
  it('should word every policy the way the server explains it', async () => {
    const cookie = await t.signInAs(await t.createUser({ email: 'mia@acme.test', roleKey: 'admin' }));
    const admin = t.org.roleIds.get('admin')!;
    const mfa = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/account/security', headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<AccountSecurity>().passkeyMfa;
    };
    const setRole = (values: { require_passkey_enrollment?: number; require_passkey_after_magic_link?: number }) =>
      t.deps.db.updateTable('roles').set(values).where('id', '=', admin).execute();
    const seen: string[] = [];
    const check = async () => {
      const m = await mfa();
      seen.push(m.explanation);
      expect(passkeyMfaExplanation(m)).toBe(m.explanation);
    };
    await check();
    await setRole({ require_passkey_after_magic_link: 1 });
    await check();
    await setRole({ require_passkey_enrollment: 1 });
    await t.deps.db
      .updateTable('organizations')
      .set({ require_passkeys_all: 1, require_passkeys_privileged: 1 })
      .where('id', '=', t.org.organizationId)
      .execute();
    await check();
    expect(new Set(seen).size).toBe(3);
    expect(seen[2]).toContain('; ');
  });
});
