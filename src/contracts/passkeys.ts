import { Type, type Static } from 'typebox';
import { Iso, NullableIso, PageOf } from './common.js';

/** "synced" (backup eligible, e.g. iCloud Keychain, Google Password Manager) or "device-bound". */
export const PasskeyKind = Type.Union([Type.Literal('synced'), Type.Literal('device-bound')]);
export type PasskeyKind = Static<typeof PasskeyKind>;

export const Passkey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: PasskeyKind,
  createdAt: Iso,
  lastUsedAt: NullableIso,
});
export type Passkey = Static<typeof Passkey>;

export const PASSKEY_REQUIREMENT_REASONS = ['role', 'organization_all', 'organization_privileged'] as const;

export const PasskeyMfa = Type.Object({
  /** "enabled" when the user has a passkey, else "required" when a policy requires one, else "not_set_up". */
  status: Type.Union([Type.Literal('enabled'), Type.Literal('not_set_up'), Type.Literal('required')]),
  required: Type.Boolean(),
  requiredBy: Type.Array(Type.Enum(PASSKEY_REQUIREMENT_REASONS)),
  /** The role requires a passkey after magic-link sign-in. */
  afterMagicLink: Type.Boolean(),
  /** Text fit for the page: why a passkey is required. */
  explanation: Type.String(),
});
export type PasskeyMfa = Static<typeof PasskeyMfa>;

export const OwnSession = Type.Object({
  id: Type.String(),
  /** "Chrome on macOS", from the user agent. */
  device: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  method: Type.String(),
  createdAt: Iso,
  lastSeenAt: Iso,
  current: Type.Boolean(),
});
export type OwnSession = Static<typeof OwnSession>;
/** One page of your open sessions, newest sign-in first (created_at, then id, descending), this one marked. */
export const OwnSessionList = PageOf(OwnSession);

export const AccountSecurity = Type.Object({
  passkeyMfa: PasskeyMfa,
  passkeys: Type.Array(Passkey),
  sessions: Type.Array(OwnSession),
  /** Idle auto logout that applies to this user, in minutes; null when off. */
  idleLogoutMinutes: Type.Union([Type.Integer(), Type.Null()]),
  /** What this session must do first, if anything. */
  gate: Type.Union([Type.Literal('PASSKEY_ENROLLMENT_REQUIRED'), Type.Literal('PASSKEY_VERIFICATION_REQUIRED'), Type.Null()]),
  /** Until when an administrator allows adding a passkey without using an existing one (a lost passkey); null when not. */
  recoveryUntil: Type.Union([Type.String(), Type.Null()]),
});
export type AccountSecurity = Static<typeof AccountSecurity>;

/** WebAuthn JSON as produced by @simplewebauthn/browser; the server verifies every field. */
export const RegistrationCredential = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 1500 }),
  rawId: Type.String({ minLength: 1, maxLength: 1500 }),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Type.String({ maxLength: 10_000 }),
    attestationObject: Type.String({ maxLength: 100_000 }),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
  }),
  clientExtensionResults: Type.Optional(Type.Any()),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});

export const AuthenticationCredential = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 1500 }),
  rawId: Type.String({ minLength: 1, maxLength: 1500 }),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Type.String({ maxLength: 10_000 }),
    authenticatorData: Type.String({ maxLength: 10_000 }),
    signature: Type.String({ maxLength: 2_000 }),
    userHandle: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  }),
  clientExtensionResults: Type.Optional(Type.Any()),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});

export const AddPasskeyBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  credential: RegistrationCredential,
});

export const RenamePasskeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });

export const VerifyPasskeyBody = Type.Object({ credential: AuthenticationCredential });

// Options for navigator.credentials.create / get as @simplewebauthn/server makes them, passed as-is to
// @simplewebauthn/browser: the WebAuthn JSON fields, open to the ones a newer library version adds.
const Open = { additionalProperties: true } as const;
const Choice = <const T extends string[]>(...values: T) => Type.Enum(values);
const UserVerification = Choice('discouraged', 'preferred', 'required');
const Hints = Type.Array(Choice('hybrid', 'security-key', 'client-device'));
const CredentialDescriptor = Type.Object(
  {
    id: Type.String(),
    type: Type.Literal('public-key'),
    transports: Type.Optional(Type.Array(Choice('ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'))),
  },
  Open,
);

/** PublicKeyCredentialCreationOptionsJSON: what adding a passkey asks of the authenticator. */
export const WebAuthnCreationOptions = Type.Object(
  {
    rp: Type.Object({ name: Type.String(), id: Type.Optional(Type.String()) }, Open),
    user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }, Open),
    challenge: Type.String(),
    pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.Literal('public-key') }, Open)),
    timeout: Type.Optional(Type.Number()),
    excludeCredentials: Type.Optional(Type.Array(CredentialDescriptor)),
    authenticatorSelection: Type.Optional(
      Type.Object(
        {
          authenticatorAttachment: Type.Optional(Choice('cross-platform', 'platform')),
          requireResidentKey: Type.Optional(Type.Boolean()),
          residentKey: Type.Optional(UserVerification),
          userVerification: Type.Optional(UserVerification),
        },
        Open,
      ),
    ),
    hints: Type.Optional(Hints),
    attestation: Type.Optional(Choice('direct', 'enterprise', 'indirect', 'none')),
    extensions: Type.Optional(Type.Object({}, Open)),
  },
  Open,
);

/** PublicKeyCredentialRequestOptionsJSON: what signing in or checking a passkey asks of the authenticator. */
export const WebAuthnRequestOptions = Type.Object(
  {
    challenge: Type.String(),
    timeout: Type.Optional(Type.Number()),
    rpId: Type.Optional(Type.String()),
    allowCredentials: Type.Optional(Type.Array(CredentialDescriptor)),
    userVerification: Type.Optional(UserVerification),
    hints: Type.Optional(Hints),
    extensions: Type.Optional(Type.Object({}, Open)),
  },
  Open,
);

export const WebAuthnRegistrationStart = Type.Object({ options: WebAuthnCreationOptions });
export const WebAuthnAuthenticationStart = Type.Object({ options: WebAuthnRequestOptions });

export const PasskeyVerified = Type.Object({ verifiedAt: Iso });

export const RevokedSessions = Type.Object({ revoked: Type.Integer() });
