import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './app-process.js';

/**
 * A PostgreSQL primary and a streaming replica of it, both made here with Debian's PostgreSQL under a
 * temporary directory on free ports (127.0.0.1 only, trust authentication), so the machine's shared
 * cluster is never reconfigured. PostgreSQL refuses to run as root: as root, every command runs as
 * the `postgres` OS user, which owns the directory.
 */
export interface ReplicaPair {
  primaryUrl: string;
  standbyUrl: string;
  /** A connection to the standby, for pausing and resuming replay. */
  standby: pg.Client | null;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** `pg_ctl stop -m immediate`: the standby disappears as in a crash. */
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** Stops both clusters and removes their directory. */
  close(): Promise<void>;
}

/** The newest Debian PostgreSQL's programs (initdb, pg_ctl, pg_basebackup), or null when none is installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;

export async function startReplicaPair(): Promise<ReplicaPair> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL programs under /usr/lib/postgresql/<version>/bin (apt-get install postgresql)');
  const base = mkdtempSync(join(tmpdir(), 'sofie-replica-'));
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    chownSync(base, uid, gid);
  }
  const run = async (program: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    try {
      await promisify(execFile)(file, argv, { cwd: base, timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr || e.message}`);
    }
  };
  const primaryDir = join(base, 'primary');
  const standbyDir = join(base, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const pgCtl = (dir: string, ...args: string[]) => run('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '30', ...args]);
  const stopAll = () => {
    for (const dir of [standbyDir, primaryDir]) {
      if (!existsSync(join(dir, 'postmaster.pid'))) continue;
      const argv = [join(bin, 'pg_ctl'), '-D', dir, '-m', 'immediate', '-w', 'stop'];
      try {
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...argv], { stdio: 'ignore', timeout: 30_000 });
        else execFileSync(argv[0], argv.slice(1), { stdio: 'ignore', timeout: 30_000 });
      } catch {
        // already stopped
      }
    }
  };
  // A test process that dies without its afterAll must not leave clusters running.
  process.once('exit', stopAll);
  let standby: pg.Client | null = null;
  try {
    await run('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${base}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        'shared_buffers = 16MB',
        'max_connections = 40',
        // A throw-away cluster: durability costs time and buys nothing here.
        'fsync = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    appendFileSync(join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n');
    await pgCtl(primaryDir, 'start');
    await run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '--no-sync']);
    appendFileSync(join(standbyDir, 'postgresql.conf'), `port = ${standbyPort}\n`);
    await pgCtl(standbyDir, 'start');
  } catch (error) {
    stopAll();
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  const standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;
  const connectStandby = async () => {
    standby = new pg.Client({ connectionString: standbyUrl });
    standby.on('error', () => undefined); // the standby is stopped on purpose
    await standby.connect();
  };
  await connectStandby();

  const pair: ReplicaPair = {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    standbyUrl,
    get standby() {
      return standby;
    },
    async pauseReplay() {
      await standby!.query('SELECT pg_wal_replay_pause()');
      // The request takes effect before the next record is replayed; poll (bounded) until it has.
      for (let i = 0; i < 2_000; i++) {
        const { rows } = await standby!.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
        if (rows[0].state === 'paused') return;
      }
      throw new Error('replay did not pause');
    },
    async resumeReplay() {
      await standby!.query('SELECT pg_wal_replay_resume()');
    },
    async stopStandby() {
      await standby?.end().catch(() => undefined);
      standby = null;
      await run('pg_ctl', ['-D', standbyDir, '-m', 'immediate', '-w', 'stop']);
    },
    async startStandby() {
      await pgCtl(standbyDir, 'start');
      await connectStandby();
    },
    async close() {
      await standby?.end().catch(() => undefined);
      stopAll();
      process.removeListener('exit', stopAll);
      rmSync(base, { recursive: true, force: true });
    },
  };
  return pair;
}
