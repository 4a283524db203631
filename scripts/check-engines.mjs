#!/usr/bin/env node
// Fails when a locked dependency does not support every Node version that package.json's `engines`
// promises. `npm ci` only warns (EBADENGINE), and only about the Node it runs on: a dependency that
// drops Node 20 would pass unnoticed on a Node 22 machine and the other way round.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const root = new URL('../', import.meta.url);
const ours = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines?.node;
if (!ours || !semver.validRange(ours)) {
  console.error(`package.json engines.node is missing or not a semver range: ${ours}`);
  process.exit(1);
}

const { packages } = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));
const misfits = [];
for (const [path, entry] of Object.entries(packages)) {
  const theirs = entry.engines?.node;
  if (!path || typeof theirs !== 'string') continue;
  if (!semver.validRange(theirs) || !semver.subset(ours, theirs)) misfits.push(`  ${path}@${entry.version} requires node ${theirs}`);
}

if (misfits.length > 0) {
  console.error(`These dependencies do not support all of node ${ours} (package.json engines):`);
  console.error(misfits.join('\n'));
  console.error('Pin or override them to versions that do (see "overrides" in package.json), or narrow engines.');
  process.exit(1);
}
console.log(`engines: every locked dependency supports node ${ours}`);
