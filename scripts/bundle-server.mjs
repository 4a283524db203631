// The server as one ES module per entry (our TypeScript bundled by esbuild; packages stay in
// node_modules): a fresh start takes 1.9–2.4 s here, where loading ~400 TypeScript files through tsx
// took 3.4 s idle and up to 13 s under test load. `npm run build` and `npm start` write
// dist/server/main.js; the tests bundle their entries into dist/test-server/ the same way
// (test/helpers/server-bundle-setup.ts).
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entries` (output name → source file) into `outdir`, replacing each file in one rename so a process starting meanwhile reads a whole file. */
export async function bundleServer(entries, outdir) {
  const result = await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleServer({ main: 'src/server/main.ts' }, 'dist/server');
}
