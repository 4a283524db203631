// Better Auth's admin list-users on the same generated people, for the scale bench's side-by-side
// columns: its server in a process of its own (better-auth-server.ts), seeded straight into its
// default SQLite schema, an administrator signed in through its own email sign-in.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '../test/helpers/app-process.js';
import { generatedPerson, RARE_TERM } from './people.js';

export interface BetterAuthPeer {
  url: string;
  cookie: string;
  seedSeconds: number;
  bytesPerUser: number;
  /** Its list-users requests for the scenarios it has, by our scenario's name. */
  scenarios: Record<string, string>;
  stop(): Promise<void>;
}

const RARE_ROLE = 'auditor';

export async function startBetterAuth(dir: string, count: number): Promise<BetterAuthPeer> {
  const file = join(dir, 'better-auth.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/better-auth-server.ts'], {
    env: { ...process.env, BA_DB: file, PORT: String(port), BA_SECRET: randomBytes(32).toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => (String(d).includes('listening') ? resolve() : (output += d)));
    child.once('exit', (code) => reject(new Error(`Better Auth exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const seedSeconds = seed(file, count);
    const cookie = await signInAdmin(url, file);
    const bytes = statSync(file).size;
    return {
      url,
      cookie,
      seedSeconds,
      bytesPerUser: bytes / (count + 1),
      scenarios: {
        'first page, newest first': '/api/auth/admin/list-users?limit=50&sortBy=createdAt&sortDirection=desc',
        'search, rare term': `/api/auth/admin/list-users?limit=50&searchField=email&searchOperator=contains&searchValue=${RARE_TERM}`,
        'role filter (~1 %)': `/api/auth/admin/list-users?limit=50&filterField=role&filterOperator=eq&filterValue=${RARE_ROLE}`,
        'page half-way, by name': `/api/auth/admin/list-users?limit=50&offset=${Math.floor(count / 2)}&sortBy=name&sortDirection=asc`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The same people as our seeder, one transaction per 10,000 rows; returns the seconds it took. */
function seed(file: string, count: number): number {
  const started = Date.now();
  const db = new Database(file);
  const insert = db.prepare(
    'INSERT INTO "user" (id, name, email, emailVerified, image, createdAt, updatedAt, role, banned) VALUES (?, ?, ?, 0, NULL, ?, ?, ?, ?)',
  );
  const now = Date.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const p = generatedPerson(i, count, now);
      insert.run(
        randomBytes(16).toString('base64url'),
        p.name,
        p.email,
        p.createdAt,
        p.createdAt,
        p.rareRole ? RARE_ROLE : 'user',
        p.status === 'deactivated' ? 1 : 0,
      );
    }
  });
  for (let from = 0; from < count; from += 10_000) batch(from, Math.min(from + 10_000, count));
  db.close();
  return (Date.now() - started) / 1000;
}

async function signInAdmin(url: string, file: string): Promise<string> {
  const headers = { 'content-type': 'application/json', origin: url };
  const credentials = { email: 'admin@acme.test', password: randomBytes(12).toString('hex') };
  const up = await fetch(`${url}/api/auth/sign-up/email`, { method: 'POST', headers, body: JSON.stringify({ ...credentials, name: 'Admin' }) });
  if (up.status !== 200) throw new Error(`Better Auth sign-up: ${up.status} ${await up.text()}`);
  const db = new Database(file);
  db.prepare('UPDATE "user" SET role = \'admin\' WHERE email = ?').run(credentials.email);
  db.close();
  const res = await fetch(`${url}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify(credentials) });
  if (res.status !== 200) throw new Error(`Better Auth sign-in: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
