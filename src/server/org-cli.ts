// `npm run org -- <command>`: the deployment operator's organizations, on the configured database
// (DATABASE_URL and the rest of the server's configuration). Mail it sends goes through the outbox,
// delivered by the running server (or shown in its local mailbox).
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { OperatorOrganization } from '../contracts/operator.js';
import { ConfigError, loadConfig } from './config.js';
import { openDeps } from './deps.factory.js';
import {
  createOrganizationAsOperator,
  deleteOrganization,
  listOrganizationsAsOperator,
  resumeOrganization,
  suspendOrganization,
  type OperatorActor,
} from './features/organizations/organizations.operator.js';
import type { Deps } from './platform/deps.js';
import { AppError } from './platform/errors.js';

const USAGE = `Usage: npm run org -- <command>
  create <name> <admin email> [--admin-name <name>]   new organization; prints the first administrator's invitation link
  list [--status active|suspended]                    every organization, by name, with its account counts
  suspend <id|name> [--reason <text>]                 sessions end at once; nobody of it signs in; service tokens refused
  resume <id|name> [--reason <text>]                  people of it may sign in again
  delete <id|name> --confirm <exact name> [--reason <text>]
                                                      a suspended organization only: removes every row it owns, for good`;

class UsageError extends Error {}

function row(org: OperatorOrganization): string {
  const since = org.suspendedAt ? ` since ${org.suspendedAt}` : '';
  return `${org.id}  ${org.status.padEnd(9)}  ${String(org.users).padStart(8)} users (${org.activeUsers} active)  ${org.name}${org.status === 'suspended' ? since : ''}`;
}

async function list(deps: Deps, status: string | undefined): Promise<void> {
  if (status !== undefined && status !== 'active' && status !== 'suspended') throw new UsageError('--status is active or suspended');
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await listOrganizationsAsOperator(deps, { status, limit: 200, cursor });
    for (const org of page.items) console.log(row(org));
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  console.log(`${count} organization${count === 1 ? '' : 's'}`);
}

async function run(deps: Deps, argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'admin-name': { type: 'string' }, reason: { type: 'string' }, confirm: { type: 'string' }, status: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  const operator: OperatorActor = { label: `cli as ${userInfo().username}`, ip: null };
  const ref = () => {
    if (rest.length !== 1) throw new UsageError(`${command} takes one organization (its id or its name)`);
    return rest[0];
  };
  switch (command) {
    case 'create': {
      if (rest.length !== 2) throw new UsageError('create takes a name and the first administrator’s email');
      const created = await createOrganizationAsOperator(deps, operator, { name: rest[0], adminEmail: rest[1], adminName: values['admin-name'] });
      console.log(`Created ${created.organization.name} (${created.organization.id}).`);
      console.log(`Invited ${created.invitation.email} as Admin; the invitation is mailed too. The link works once, until ${created.invitation.expiresAt}:`);
      console.log(created.invitation.acceptUrl);
      return;
    }
    case 'list':
      return list(deps, values.status);
    case 'suspend': {
      const suspended = await suspendOrganization(deps, operator, ref(), values.reason);
      console.log(`Suspended ${suspended.organization.name} (${suspended.organization.id}); ${suspended.sessionsEnded} open session(s) ended.`);
      return;
    }
    case 'resume': {
      const resumed = await resumeOrganization(deps, operator, ref(), values.reason);
      console.log(`Resumed ${resumed.name} (${resumed.id}); its people can sign in again.`);
      return;
    }
    case 'delete': {
      if (values.confirm === undefined) throw new UsageError('delete needs --confirm "<the organization’s exact name>"');
      const deleted = await deleteOrganization(deps, operator, ref(), { confirmName: values.confirm, reason: values.reason });
      const total = Object.values(deleted.removed).reduce((a, b) => a + b, 0);
      console.log(`Deleted ${deleted.name} (${deleted.id}): ${total} rows removed (${JSON.stringify(deleted.removed)}).`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

async function main(): Promise<number> {
  let opened: Awaited<ReturnType<typeof openDeps>> | null = null;
  try {
    opened = await openDeps(loadConfig(process.env, { logLevel: 'warn' }));
    await run(opened.deps, process.argv.slice(2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`${error.code}: ${error.message}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
