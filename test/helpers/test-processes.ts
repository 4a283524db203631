/** The processes tests start, by the name startServerProcess and runChild know them. */
export const TEST_PROCESSES = {
  main: 'src/server/main.ts',
  'clocked-server': 'test/helpers/clocked-server.ts',
  'bulk-job-crash.child': 'test/api/bulk-job-crash.child.ts',
  'offboarding-crash.child': 'test/api/offboarding-crash.child.ts',
  'outbox-crash.child': 'test/api/outbox-crash.child.ts',
};

export type TestProcess = keyof typeof TEST_PROCESSES;

/** Where a test process's bundle is. */
export const bundledProcess = (name: TestProcess) => `dist/test-server/${name}.js`;
