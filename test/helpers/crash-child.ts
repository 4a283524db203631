import { spawn } from 'node:child_process';
import { bundledProcess, type TestProcess } from './test-processes.js';

/**
 * Runs `script` (bundled by server-bundle-setup.ts) as a real app process and kills it with SIGKILL when it prints `kill.on`: a marker
 * the script prints where it stops to be killed, so the kill lands where the test says. Resolves
 * with its output once it is gone.
 */
export function runChild(
  script: TestProcess,
  env: Record<string, string>,
  kill: { on?: string },
  limitMs = 60_000,
): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', bundledProcess(script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not finish:\n${output}`));
    }, limitMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (kill.on && output.includes(kill.on) && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child exited ${code}:\n${output}`));
      else resolve({ output, killed: signal === 'SIGKILL' });
    });
  });
}
