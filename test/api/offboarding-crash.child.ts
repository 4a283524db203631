/**
 * A real app process for the crash test: opens the given database, builds the app (migrations, routes,
 * workers off), and applies an offboarding plan in one transaction. It stops inside that transaction
 * and waits to be killed, either after a named step (CRASH_STEP: "PAUSED <step>") or after its Nth
 * statement (CRASH_AT_STATEMENT: "PAUSED at statement <n>"); otherwise it commits and prints
 * "COMMITTED after <n> statements".
 */
import type { KyselyPlugin } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { deleteUser } from '../../src/server/features/offboarding/offboarding.apply.js';
import type { Actor } from '../../src/server/platform/deps.js';

const env = process.env;
const config = loadConfig({}, { databaseUrl: env.CRASH_DATABASE_URL!, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
const { deps } = await openDeps(config, env.CRASH_SCHEMA ? { schema: env.CRASH_SCHEMA } : {});
await buildApp(deps, { logger: false, startWorkers: false });

const admin = await deps.db
  .selectFrom('users')
  .innerJoin('roles', 'roles.id', 'users.role_id')
  .select(['users.id', 'users.organization_id', 'users.email', 'users.name', 'roles.id as role_id', 'roles.name as role_name', 'roles.permissions'])
  .where('users.id', '=', env.CRASH_ADMIN!)
  .executeTakeFirstOrThrow();
const actor: Actor = {
  userId: admin.id,
  organizationId: admin.organization_id,
  email: admin.email,
  name: admin.name,
  roleId: admin.role_id,
  roleName: admin.role_name,
  permissions: new Set(JSON.parse(admin.permissions) as string[]),
  sessionId: 'crash-test',
};
const body = JSON.parse(env.CRASH_BODY!);
const forever = () => new Promise<never>(() => undefined); // until SIGKILL

// Every statement from here on belongs to the deletion's transaction (a real delete opens it first).
let statements = 0;
const pauseAt = Number(env.CRASH_AT_STATEMENT ?? 0);
const counter: KyselyPlugin = {
  transformQuery: (args) => args.node,
  async transformResult(args) {
    statements++;
    if (statements === pauseAt) {
      process.stdout.write(`PAUSED at statement ${statements}\n`);
      await forever();
    }
    return args.result;
  },
};

process.stdout.write('STARTING\n');
await deleteUser(
  { deps: { ...deps, db: deps.db.withPlugin(counter) }, organizationId: admin.organization_id, actor, ip: null, userAgent: 'crash-test' },
  env.CRASH_LEAVER!,
  body,
  {
    onStep: async (step) => {
      if (step !== env.CRASH_STEP) return;
      process.stdout.write(`PAUSED ${step}\n`);
      await forever();
    },
  },
);
process.stdout.write(`COMMITTED after ${statements} statements\n`);
process.exit(0);
