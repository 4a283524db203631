// npm start: build the console and bundle the server (about a second) when either is missing or older
// than its sources, then run the server in this process, so signals reach it directly.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleServer } from './bundle-server.mjs';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = 'dist/web/index.html';
const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newestMtime('src/web'), newestMtime('src/contracts'));
if (stale) {
  console.log('Building the console (first start or sources changed)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const bundle = 'dist/server/main.js';
if (!existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestMtime('src/server'), newestMtime('src/contracts'))) {
  await bundleServer({ main: 'src/server/main.ts' }, 'dist/server');
}
process.setSourceMapsEnabled(true);
await import('../dist/server/main.js');
