import { Type, type Static } from 'typebox';
import { PageLimit } from './common.js';

// The deployment operator's view of organizations (`/operator/api/…`, `npm run org`). Organization
// administrators never reach these: they answer only to the operator token.

export const OrganizationStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);

export const OperatorOrganization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: OrganizationStatus,
  createdAt: Type.String(),
  suspendedAt: Type.Union([Type.String(), Type.Null()]),
  /** Accounts that are active (signed in at least once or created active), from the kept counts. */
  activeUsers: Type.Integer({ minimum: 0 }),
  /** Every account that is not deleted: invited, active and deactivated. */
  users: Type.Integer({ minimum: 0 }),
});
export type OperatorOrganization = Static<typeof OperatorOrganization>;

export const OperatorOrganizationList = Type.Object({
  items: Type.Array(OperatorOrganization),
  /** Pass as `cursor` for the next page (by name, then id); null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type OperatorOrganizationList = Static<typeof OperatorOrganizationList>;

export const OperatorListQuery = Type.Object({
  status: Type.Optional(OrganizationStatus),
  limit: PageLimit(),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const CreateOrganizationBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  /** The first administrator: invited (the link is mailed and returned once, here). */
  adminEmail: Type.String({ minLength: 3, maxLength: 320 }),
  adminName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const CreatedOrganization = Type.Object({
  organization: OperatorOrganization,
  invitation: Type.Object({
    email: Type.String(),
    /** The single-use accept link, also mailed to the administrator. Shown once. */
    acceptUrl: Type.String(),
    expiresAt: Type.String(),
  }),
});
export type CreatedOrganization = Static<typeof CreatedOrganization>;

/** An organization named by id, or by its name (case-insensitive) when that is unambiguous. */
export const OrganizationRefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 200 }) });

export const OperatorChangeBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) });

export const SuspendedOrganization = Type.Object({
  organization: OperatorOrganization,
  /** Sessions that were open and ended with the suspension. */
  sessionsEnded: Type.Integer({ minimum: 0 }),
});
export type SuspendedOrganization = Static<typeof SuspendedOrganization>;

export const DeleteOrganizationBody = Type.Object({
  /** The organization's exact name, typed again: deleting removes every row of it for good. */
  confirmName: Type.String({ minLength: 1, maxLength: 120 }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const DeletedOrganization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** Rows removed, per table. */
  removed: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
});
export type DeletedOrganization = Static<typeof DeletedOrganization>;
