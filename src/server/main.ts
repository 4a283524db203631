import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDeps } from './deps.factory.js';
import { ensureFirstOrganization } from './features/organizations/organizations.bootstrap.js';
import { fillDemoOrganization } from './features/organizations/organizations.demo.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.includes('--demo') ? { demo: true } : {});
  const opened = await openDeps(config);
  const { deps } = opened;
  const app = await buildApp(deps, { startWorkers: true });

  const boot = await ensureFirstOrganization(deps);
  if (config.demo) {
    const added = await fillDemoOrganization(deps, boot.organizationId);
    if (added) app.log.info(`demo: added ${added} sample users with roles, groups and invitations`);
  }

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
  const mail = deps.mailTransport ? 'SMTP' : `local outbox (open ${config.publicUrl}/mailbox)`;
  const lines = [
    '',
    `  Sofie User Management is running at ${config.publicUrl}`,
    `  Database: ${deps.dialect}   Mail: ${mail}   API docs: ${config.publicUrl}/api/docs`,
  ];
  if (boot.signInUrl) {
    lines.push(`  ${boot.created ? 'Created the first organization. ' : ''}Sign in as ${boot.adminEmail} with this one-time link (15 minutes):`, `  ${boot.signInUrl}`);
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
