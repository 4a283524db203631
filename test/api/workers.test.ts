import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPrintedLink, startServerProcess, type ServerProcess } from '../helpers/app-process.js';
import { usePostgres } from '../helpers/test-app.js';

/** The server processes the primary started, by pid (node only: tsx may also run an esbuild helper). */
function serverProcesses(primary: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'node')
      .map(([pid]) => Number(pid));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Polls (the primary replaces a process within about a second) until `done` holds; bounded. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

// SQLite only: the point is the process model; the database is shared the same way on both.
describe.skipIf(usePostgres)('WORKERS=2: several server processes behind one port', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sofie-workers-'));
    server = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, 'sofie.db')}`, WORKERS: '2' });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should serve from two processes, keep serving when one dies, and replace it', async () => {
    expect(server.output(), server.output()).toContain('(2 server processes)');
    await until(() => serverProcesses(server.pid).length === 2, `two server processes run (${server.output()})`);
    const before = serverProcesses(server.pid);
    // The link the primary printed is spent through whichever process answers: one database.
    const cookie = await signInWithPrintedLink(server);
    // A new connection per request, as after the kill a kept-alive one may lead to the dead process.
    const list = () =>
      new Promise<number>((resolve, reject) => {
        get(`${server.url}/api/users`, { headers: { cookie }, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    expect(await Promise.all(Array.from({ length: 20 }, list))).toEqual(Array(20).fill(200));

    process.kill(before[0], 'SIGKILL');
    await until(() => !serverProcesses(server.pid).includes(before[0]), 'the killed process is gone');
    // The other process answers meanwhile.
    expect(await Promise.all(Array.from({ length: 10 }, list))).toEqual(Array(10).fill(200));
    await until(() => serverProcesses(server.pid).length === 2, 'a replacement has started');
    expect(serverProcesses(server.pid)).not.toContain(before[0]);
    expect(server.exited()).toBeNull();
  });
});
