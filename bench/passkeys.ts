// Passkeys at scale: every authenticated request resolves the session with the user's passkey
// count and the policies that apply (one query); a passkey sign-in runs a full WebAuthn ceremony.
// Seeded: 20,000 users holding 30,000 passkeys and 20,000 sessions. Budgets: session resolution
// p95 < 10 ms, passkey sign-in (options + verify) p95 < 50 ms.
import type { Insertable } from 'kysely';
import type { Database } from '../src/server/db/database.js';
import { createSession } from '../src/server/features/auth/auth.service.js';
import { personRow } from '../test/helpers/seed-users.js';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.js';
import { benchDatabases, fmt, measure, openBenchEnv, type BenchEnv } from './lib.js';

const USERS = Number(process.env.BENCH_PASSKEY_USERS ?? 20_000);

async function seed(env: BenchEnv): Promise<void> {
  const { deps, org } = env;
  const started = Date.now();
  const now = new Date().toISOString();
  for (let start = 0; start < USERS; start += 2000) {
    await deps.db.transaction().execute(async (trx) => {
      const users: Insertable<Database['users']>[] = [];
      const passkeys: Insertable<Database['passkeys']>[] = [];
      for (let i = start; i < Math.min(start + 2000, USERS); i++) {
        const id = deps.newId();
        const email = `user${i}@bench.test`;
        users.push(
          personRow({
            id,
            organizationId: org.organizationId,
            email,
            name: `User ${i}`,
            roleId: org.roleIds.get('member')!,
            status: 'active',
            createdAt: now,
            lastActiveAt: null,
          }),
        );
        for (let k = 0; k < (i % 2 === 0 ? 2 : 1); k++) {
          passkeys.push({
            id: deps.newId(),
            organization_id: org.organizationId,
            user_id: id,
            credential_id: `cred-${i}-${k}`,
            public_key: 'AA',
            counter: 0,
            transports: '[]',
            device_type: k ? 'multiDevice' : 'singleDevice',
            backed_up: k,
            aaguid: null,
            name: 'Bench',
            created_at: now,
            last_used_at: null,
          });
        }
      }
      for (let c = 0; c < users.length; c += 250)
        await trx
          .insertInto('users')
          .values(users.slice(c, c + 250))
          .execute();
      for (let c = 0; c < passkeys.length; c += 250)
        await trx
          .insertInto('passkeys')
          .values(passkeys.slice(c, c + 250))
          .execute();
      for (const u of users) await createSession(trx, deps, u, 'magic_link', { ip: '127.0.0.1', userAgent: 'bench' });
    });
  }
  console.log(`  ${env.label}: seeded ${USERS.toLocaleString()} users, passkeys and sessions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function run(): Promise<void> {
  console.log(`\nPasskeys and sessions with ${USERS.toLocaleString()} users (budgets: session p95 < 10 ms, passkey sign-in p95 < 50 ms)`);
  for (const db of benchDatabases()) {
    const env = await openBenchEnv(db.label, db.url);
    try {
      await seed(env);
      // A member with a real passkey (enrolled through the API) for the sign-in ceremony.
      const auth = new SoftAuthenticator({ origin: 'http://localhost:3000', rpId: 'localhost' });
      const user = await env.deps.db.selectFrom('users').selectAll().where('email', '=', 'user7@bench.test').executeTakeFirstOrThrow();
      const session = await createSession(env.deps.db, env.deps, user, 'magic_link', { ip: null, userAgent: 'bench' });
      const cookie = `sofie_session=${session.token}`;
      const options = await env.app.inject({ method: 'POST', url: '/api/account/passkeys/registration-options', headers: { cookie } });
      const added = await env.app.inject({
        method: 'POST',
        url: '/api/account/passkeys',
        headers: { cookie },
        payload: { credential: auth.register(options.json<{ options: Parameters<SoftAuthenticator['register']>[0] }>().options) },
      });
      if (added.statusCode !== 201) throw new Error(added.body);

      const me = await measure(300, async () => {
        const res = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(res.body);
      });
      const signIn = await measure(100, async () => {
        const o = await env.app.inject({
          method: 'POST',
          url: '/api/auth/passkey/options',
          remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/auth/passkey/verify',
          payload: { credential: auth.assert(o.json<{ options: Parameters<SoftAuthenticator['assert']>[0] }>().options) },
          remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        if (res.statusCode !== 200) throw new Error(res.body);
      });
      for (const [name, r, budget] of [
        ['session resolution (GET /api/auth/me)', me, 10],
        ['passkey sign-in (options + verify)', signIn, 50],
      ] as const) {
        console.log(
          `  ${env.label.padEnd(8)} ${name.padEnd(40)} p50 ${fmt(r.p50).padStart(9)}  p95 ${fmt(r.p95).padStart(9)}  max ${fmt(r.max).padStart(9)}  ${r.p95 < budget ? 'OK' : 'OVER BUDGET'}`,
        );
      }
    } finally {
      await env.close();
    }
  }
}

export default run;
if (import.meta.url === `file://${process.argv[1]}`) await run();
