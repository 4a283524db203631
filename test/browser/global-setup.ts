import { execFileSync } from 'node:child_process';

/** Browser tests run against the built console, exactly what `npm start` serves. */
export default function setup() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
}
