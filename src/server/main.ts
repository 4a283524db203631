import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDeps } from './deps.factory.js';
import { ensureFirstOrganization, type BootstrapResult } from './features/organizations/organizations.bootstrap.js';
import { fillDemoOrganization } from './features/organizations/organizations.demo.js';

/**
 * One process (WORKERS=1, the default) migrates, prepares the first organization and serves. With
 * WORKERS=N the primary process does the one-time work, then forks N servers that share the port
 * (node:cluster hands each new connection to one of them) and replaces any that dies.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.includes('--demo') ? { demo: true } : {});
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  if (cluster.isWorker) return serve(config, { background: process.env.SOFIE_WORKER_INDEX === '0', banner: null });
  return serve(config, { background: true, banner: await prepare(config) });
}

/** Migrations, the first organization and demo data: once, before anything serves. */
async function prepare(config: Config): Promise<BootstrapResult> {
  const opened = await openDeps(config);
  try {
    const boot = await ensureFirstOrganization(opened.deps);
    if (config.demo) {
      const added = await fillDemoOrganization(opened.deps, boot.organizationId);
      if (added) opened.deps.logger.info(`demo: added ${added} sample users with roles, groups and invitations`);
    }
    return boot;
  } finally {
    await opened.close();
  }
}

/** `background`: run the outbox and purge loops here (in one process of a cluster; leases make more safe, not useful). */
async function serve(config: Config, options: { background: boolean; banner: BootstrapResult | null }): Promise<void> {
  // In a cluster the primary has migrated already; N processes migrating at once would only contend.
  const opened = await openDeps(config, cluster.isWorker ? { migrated: true } : {});
  const { deps } = opened;
  const app = await buildApp(deps, { startWorkers: options.background });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing requests, then stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (options.banner) printBanner(config, deps.dialect, !!deps.mailTransport, options.banner, 1);
}

async function runPrimary(config: Config): Promise<void> {
  const boot = await prepare(config);
  const workers = new Map<number, number>(); // cluster worker id → index
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ SOFIE_WORKER_INDEX: String(index) });
    workers.set(worker.id, index);
  };
  cluster.on('exit', (worker, code, signal) => {
    const index = workers.get(worker.id);
    workers.delete(worker.id);
    if (stopping) {
      if (workers.size === 0) process.exit(0);
      return;
    }
    console.error(`server process ${index} ended (${signal ?? `exit ${code}`}); starting another`);
    // A process that cannot start at all (bad configuration) would otherwise be replaced forever.
    setTimeout(() => fork(index ?? 0), 1_000).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  let listening = 0;
  cluster.on('listening', () => {
    listening++;
    if (listening === config.workers)
      printBanner(config, config.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite', !!config.smtpUrl, boot, config.workers);
  });
  for (let index = 0; index < config.workers; index++) fork(index);
}

function printBanner(config: Config, dialect: string, smtp: boolean, boot: BootstrapResult, processes: number): void {
  const mail = smtp ? 'SMTP' : `local outbox (open ${config.publicUrl}/mailbox)`;
  const lines = [
    '',
    `  Sofie User Management is running at ${config.publicUrl}${processes > 1 ? ` (${processes} server processes)` : ''}`,
    `  Database: ${dialect}${config.databaseReadUrl ? ' (reads from a replica)' : ''}   Mail: ${mail}   API docs: ${config.publicUrl}/api/docs`,
  ];
  if (boot.signInUrl) {
    lines.push(
      `  ${boot.created ? 'Created the first organization. ' : ''}Sign in as ${boot.adminEmail} with this one-time link (15 minutes):`,
      `  ${boot.signInUrl}`,
    );
  } else {
    lines.push(`  Sign in at ${config.publicUrl}/sign-in`);
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
