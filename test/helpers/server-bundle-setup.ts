import { bundleServer } from '../../scripts/bundle-server.mjs';
import { TEST_PROCESSES } from './test-processes.js';

/**
 * Tests start the server as `npm start` does, bundled from the current sources (dist/test-server,
 * apart from the product's dist/server), and so do the crash tests' child processes: a process
 * loading ~400 TypeScript files through tsx took 5–13 s to start under test load.
 */
export default async function setup(): Promise<void> {
  await bundleServer(TEST_PROCESSES, 'dist/test-server');
}
