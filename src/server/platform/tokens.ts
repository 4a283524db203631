import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe. The raw token only ever travels to the user; the database keeps its hash. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Longer than any token Sofie issues: a longer credential is refused before it is hashed or looked up. */
const MAX_BEARER_LENGTH = 200;

/**
 * The token of an `Authorization: Bearer <token>` header, or null. The scheme name is
 * case-insensitive (RFC 7235 §2.1), so "bearer x" is the same credential as "Bearer x"; a header with
 * anything but one token after the scheme, or an over-long token, is no credential.
 */
export function bearerTokenOf(authorization: string | undefined): string | null {
  const token = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  return token && token.length <= MAX_BEARER_LENGTH ? token : null;
}
