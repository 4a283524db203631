import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe. The raw token only ever travels to the user; the database keeps its hash. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
