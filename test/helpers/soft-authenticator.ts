import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A small software WebAuthn authenticator for API tests: real P-256 keys, real CBOR, real
 * signatures, so the server's real verification code runs. It can lie on purpose (wrong origin,
 * wrong RP ID, an old counter) to prove the server refuses.
 */

// ---- minimal CBOR encoder (maps, byte/text strings, integers)
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) return Buffer.from([(major << 5) | 25, value >> 8, value & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  cosePublicKey: Buffer;
  userHandle: string;
  counter: number;
  synced: boolean;
}

export interface AuthenticatorOptions {
  origin: string;
  rpId: string;
  /** Backup eligible + backed up: a "synced" passkey. */
  synced?: boolean;
  /** Start counting signatures from this value (0 = no counter, like most synced passkeys). */
  counterStart?: number;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(readonly options: AuthenticatorOptions) {}

  private authData(rpId: string, flags: number, counter: number, attested?: SoftCredential): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter >>> 0);
    const parts: Uint8Array[] = [sha256(rpId), Buffer.from([flags]), count];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(attested.id.length);
      parts.push(Buffer.alloc(16), len, attested.id, attested.cosePublicKey);
    }
    return Buffer.concat(parts);
  }

  private flags(credential: { synced: boolean }, extra = 0): number {
    return FLAG_UP | FLAG_UV | (credential.synced ? FLAG_BE | FLAG_BS : 0) | extra;
  }

  /** navigator.credentials.create() for options from the server; returns RegistrationResponseJSON. */
  register(options: { challenge: string; user: { id: string } }, overrides: { origin?: string; rpId?: string } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const credential: SoftCredential = {
      id: randomBytes(32),
      privateKey,
      cosePublicKey,
      userHandle: options.user.id,
      counter: this.options.counterStart ?? 0,
      synced: this.options.synced ?? false,
    };
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: overrides.origin ?? this.options.origin, crossOrigin: false }),
    );
    const authData = this.authData(overrides.rpId ?? this.options.rpId, this.flags(credential, FLAG_AT), credential.counter, credential);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    this.credentials.push(credential);
    return {
      id: b64u(credential.id),
      rawId: b64u(credential.id),
      type: 'public-key' as const,
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /**
   * navigator.credentials.get(): signs with the credential (the first allowed one, or the first
   * discoverable one). `counter` overrides the signature counter, e.g. to replay an old value.
   */
  assert(
    options: { challenge: string; allowCredentials?: { id: string }[] },
    overrides: { origin?: string; rpId?: string; counter?: number; credential?: SoftCredential } = {},
  ) {
    const allowed = options.allowCredentials?.map((c) => c.id);
    const credential = overrides.credential ?? this.credentials.find((c) => !allowed?.length || allowed.includes(b64u(c.id)));
    if (!credential) throw new Error('no credential for this request');
    if (overrides.counter !== undefined) credential.counter = overrides.counter;
    else if (credential.counter > 0 || (this.options.counterStart ?? 0) > 0) credential.counter += 1;
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: overrides.origin ?? this.options.origin, crossOrigin: false }),
    );
    const authData = this.authData(overrides.rpId ?? this.options.rpId, this.flags(credential), credential.counter);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64u(credential.id),
      rawId: b64u(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
