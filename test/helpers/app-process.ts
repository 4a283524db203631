import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { bundledProcess } from './test-processes.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  url: string;
  /** The one-time link printed at start for the first administrator. */
  signInUrl: string;
  pid: number;
  /** Set once the process has ended, with how. */
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | null;
  output: () => string;
  /** Writes a line to the process's stdin (only with `stdin: true`) and resolves when its output next contains `answer`. */
  ask(line: string, answer: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real server in a process of its own, bundled as `npm start` runs it (test/helpers/server-bundle-setup.ts
 * writes dist/test-server before the tests): `main` is src/server/main.ts, `clocked-server` is
 * test/helpers/clocked-server.ts. Resolves once it prints its start banner. `existingDatabase`: the
 * first administrator already signed in before, so the banner has no one-time link (signInUrl is then '').
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { entry?: 'main' | 'clocked-server'; stdin?: boolean; existingDatabase?: boolean; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--enable-source-maps', bundledProcess(options.entry ?? 'main')], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      SOFIE_ADMIN_EMAIL: 'admin@acme.test',
      SOFIE_ORG_NAME: 'Acme Corp',
      SMTP_URL: '',
      ...env,
    },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  child.on('exit', (code, signal) => (exit = { code, signal }));
  const signInUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), Number(process.env.SERVER_START_TIMEOUT_MS ?? 30_000));
    const check = () => {
      const match = output.match(/(http:\/\/localhost:\d+\/sign-in\/verify\?token=[\w-]+)/);
      if (match || (options.existingDatabase && /Sign in at http/.test(output))) {
        clearTimeout(timer);
        resolve(match?.[1] ?? '');
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    signInUrl,
    pid: child.pid!,
    exited: () => exit,
    output: () => output,
    async ask(line, answer) {
      if (!child.stdin) throw new Error('start the process with { stdin: true } to write to it');
      const answered = new Promise<void>((resolve) => {
        const onData = (d: Buffer) => {
          if (!d.toString().includes(answer)) return;
          child.stdout!.off('data', onData);
          resolve();
        };
        child.stdout!.on('data', onData);
      });
      child.stdin.write(`${line}\n`);
      await answered;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Spends the printed one-time link and returns the session cookie header. */
export async function signInWithPrintedLink(server: ServerProcess): Promise<string> {
  const token = new URL(server.signInUrl).searchParams.get('token')!;
  const res = await fetch(`${server.url}/api/auth/magic-link/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sofie_session='))!;
  return cookie.split(';')[0];
}
