// Client secrets must be sent back to the identity provider, so they cannot be hashed. With
// SSO_SECRET_KEY they are sealed with AES-256-GCM (a database dump alone does not reveal them);
// without it they are stored as given, like webhook signing secrets. Either way no API returns them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `gcm:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
}

/** Throws when the secret was sealed under another key (or none is configured now). */
export function openSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith('plain:')) return stored.slice(6);
  const [, iv, tag, body] = stored.split(':');
  if (!key || !iv || !tag || !body) throw new Error('this client secret was sealed with SSO_SECRET_KEY, which is not configured; enter the secret again');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
