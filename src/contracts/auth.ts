import { Type, type Static } from 'typebox';
import { PageOf } from './common.js';

export const MagicLinkRequest = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
});

export const MagicLinkResponse = Type.Object({ message: Type.String() });

export const TokenBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

export const Me = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    roleId: Type.String(),
    roleName: Type.String(),
  }),
  /**
   * What every console page needs of the organization's settings, without the settings themselves
   * (those need "View organization settings").
   */
  organization: Type.Object({
    id: Type.String(),
    name: Type.String(),
    /** Changes to users, groups and invitations must carry a business reason. */
    businessReasonRequired: Type.Boolean(),
    /** How long an invitation link works; every invitee reads it in their invitation. */
    invitationExpiryDays: Type.Integer(),
  }),
  permissions: Type.Array(Type.String()),
  /** True when this deployment keeps mail in the local outbox (no SMTP configured). */
  localMailbox: Type.Boolean(),
  /** What this session must do before anything else: enrol a passkey, or verify one after a magic link. */
  passkeyGate: Type.Optional(Type.Union([Type.Literal('PASSKEY_ENROLLMENT_REQUIRED'), Type.Literal('PASSKEY_VERIFICATION_REQUIRED'), Type.Null()])),
  /** How many passkeys the signed-in user has (the settings page warns before a policy would stop them). */
  passkeyCount: Type.Integer({ minimum: 0 }),
});
export type Me = Static<typeof Me>;

export const SignInResult = Type.Object({
  redirectTo: Type.String(),
  firstSignIn: Type.Boolean(),
});
export type SignInResult = Static<typeof SignInResult>;

/** The organizations where the signed-in address has an active account (the console's organization switcher). */
/** By name (lower-cased, then id). */
export const MyOrganizations = PageOf(Type.Object({ id: Type.String(), name: Type.String(), current: Type.Boolean() }));
export type MyOrganizations = Static<typeof MyOrganizations>;

export const SwitchOrganizationBody = Type.Object({ organizationId: Type.String({ minLength: 1, maxLength: 100 }) });
