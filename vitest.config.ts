import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// PostgreSQL and browser suites join when their prerequisites exist; CI sets REQUIRE_* so a
// missing prerequisite fails the run instead of silently skipping it.
const postgresUrl = process.env.TEST_DATABASE_URL;
if (process.env.REQUIRE_POSTGRES === '1' && !postgresUrl) {
  throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (process.env.REQUIRE_BROWSER === '1' && !hasChromium) {
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${chromium} (apt-get install chromium)`);
}
if (!postgresUrl) console.log('[vitest] TEST_DATABASE_URL not set: the PostgreSQL suite does not run');
if (!hasChromium) console.log(`[vitest] no Chromium at ${chromium}: the browser suite does not run`);

// Names this run's PostgreSQL schemas; worker processes inherit it (see test/helpers/pg-schemas.ts).
process.env.SOFIE_TEST_RUN ??= randomBytes(4).toString('hex');

const apiTests = ['src/**/*.test.ts', 'test/api/**/*.test.ts'];
// Tests that start the server run it bundled from the current sources, as npm start does.
const serverBundle = 'test/helpers/server-bundle-setup.ts';

/**
 * Inline projects do not inherit the root `test` options, so every project states its own limits.
 * They are ceilings for a loaded CI machine, not budgets: a test that nears them is made faster.
 */
// expect.poll gives up after 1 s by default: too short for a re-render on a loaded CI machine.
const pollLimits = { poll: { timeout: 10_000 } };
const apiLimits = { testTimeout: 20_000, hookTimeout: 60_000, expect: pollLimits, isolate: false };
// maxConcurrency: a file's describe.concurrent tests (a11y-pages) run two at a time, one browser page each.
const browserLimits = { testTimeout: 60_000, hookTimeout: 120_000, expect: pollLimits, maxConcurrency: 2 };

export const projects = [
  { test: { name: 'sqlite', include: apiTests, env: { TEST_DB: 'sqlite' }, globalSetup: [serverBundle], ...apiLimits } },
  ...(postgresUrl
    ? [
        {
          test: {
            name: 'postgres',
            include: apiTests,
            // The console's unit tests touch no database: the SQLite project runs them once.
            exclude: ['**/node_modules/**', 'src/web/**'],
            env: { TEST_DB: 'postgres' },
            globalSetup: ['test/helpers/pg-global-setup.ts', serverBundle],
            ...apiLimits,
          },
        },
      ]
    : []),
  ...(hasChromium
    ? [
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            globalSetup: ['test/browser/global-setup.ts', serverBundle],
            env: { CHROMIUM_PATH: chromium },
            ...browserLimits,
          },
        },
      ]
    : []),
];

// Vitest's default is one worker fewer than the CPUs: on a 2-core CI machine, one file at a time. Most
// files wait on a database, a browser or a child process rather than compute, so two run side by side;
// each browser file starts its own server and Chromium, so they too can run two at a time.
export default defineConfig({ test: { projects, maxWorkers: 2 } });
