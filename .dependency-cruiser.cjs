// The architecture, as rules CI checks (`npm run check:boundaries`). Read top to bottom, they are the
// layout of ARCHITECTURE.md: three programs that share only contracts; inside the server, a platform
// that knows no feature and features that meet only at each other's front door.
//
//   src/contracts   request/response schemas and error codes: imports nothing of ours
//   src/server      the API: platform/ (HTTP plumbing, access, errors), db/ (connections, migrations),
//                   features/<name>/ (routes → service → repository → table, errors)
//   src/web         the console: app/ (shell, routing), shared/ (UI and API helpers), features/<name>/
//
// A feature's front door is its `index.ts`: what it lists there is what other features may use.
// Its routes, repository, tables and internal modules are its own business.

const TESTS = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'console-not-server',
      comment: 'The console runs in the browser and talks to the server over HTTP only; shared shapes live in src/contracts.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-not-console',
      comment: 'The server never reaches into the console.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'Contracts are the shared language of server and console: plain schemas and codes, depending on neither.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'platform-knows-no-feature',
      comment: 'Platform code (HTTP plumbing, access, errors, mail) serves every feature and depends on none.',
      severity: 'error',
      from: { path: '^src/server/platform/', pathNot: TESTS },
      to: { path: '^src/server/features/' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'A migration must still run after the feature code of its day has changed: it imports no feature code.',
      severity: 'error',
      from: { path: '^src/server/db/migrations/' },
      to: { path: '^src/server/features/' },
    },
    {
      name: 'database-knows-only-table-shapes',
      comment: "Connections know no feature; db/database.ts only assembles the Kysely schema from each feature's table types.",
      severity: 'error',
      from: { path: '^src/server/db/', pathNot: TESTS },
      to: { path: '^src/server/features/', pathNot: '\\.table\\.ts$' },
    },
    {
      name: 'server-feature-through-its-front-door',
      comment:
        "A server feature uses another only through that feature's index.ts (its service functions, types and error catalogue), never its repository, tables, routes or internal modules.",
      severity: 'error',
      from: { path: '^src/server/features/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/server/features/([^/]+)/', pathNot: ['^src/server/features/$1/', '^src/server/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'console-feature-through-its-front-door',
      comment: "A console feature uses another only through that feature's index.ts; UI that several features use lives in src/web/shared.",
      severity: 'error',
      from: { path: '^src/web/features/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/web/features/([^/]+)/', pathNot: ['^src/web/features/$1/', '^src/web/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'console-shared-knows-no-feature',
      comment: 'Shared console code is used by features and depends on none of them.',
      severity: 'error',
      from: { path: '^src/web/shared/', pathNot: TESTS },
      to: { path: '^src/web/features/' },
    },
    {
      name: 'no-cycles',
      comment: 'Modules that import each other cannot be understood, tested or split one at a time.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
