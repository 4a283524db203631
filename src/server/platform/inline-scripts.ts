import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Content-Security-Policy sources ('sha256-…') of the inline scripts in the built console's
 * index.html: the colour-scheme script must run before the first paint, so it cannot wait for a
 * file, and the policy allows exactly its text, no other inline script. Empty when the console is
 * not built.
 */
export function inlineScriptHashes(webRoot: string): string[] {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
}
