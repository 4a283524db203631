import { bundleServer } from '../../scripts/bundle-server.mjs';

/**
 * Tests start the server as `npm start` does: bundled from the current sources (dist/test-server,
 * apart from the product's dist/server). startServerProcess runs these files.
 */
export default async function setup(): Promise<void> {
  await bundleServer({ main: 'src/server/main.ts', 'clocked-server': 'test/helpers/clocked-server.ts' }, 'dist/test-server');
}
