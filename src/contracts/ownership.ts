import { Type, type Static } from 'typebox';
import { Iso, PageOf, PageLimit } from './common.js';

export const CONTENT_TYPES = ['workspace', 'codraft', 'cosheet', 'comeeting', 'template', 'orchestration', 'sequence'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const CONTENT_TYPE_LABELS: Record<ContentType, string> = {
  workspace: 'Workspaces',
  codraft: 'CoDrafts',
  cosheet: 'CoSheets',
  comeeting: 'CoMeetings',
  template: 'Templates',
  orchestration: 'Orchestrations',
  sequence: 'Sequences',
};
export const ContentTypeSchema = Type.Enum(CONTENT_TYPES);

export const COLLABORATOR_ROLES = ['editor', 'commenter', 'viewer'] as const;
export type CollaboratorRole = (typeof COLLABORATOR_ROLES)[number];
export const CollaboratorRoleSchema = Type.Enum(COLLABORATOR_ROLES);

export const SEQUENCE_STATUSES = ['active', 'paused'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];
export const SequenceStatusSchema = Type.Enum(SEQUENCE_STATUSES);

const UserRef = Type.Object({ id: Type.String(), name: Type.String() });

export const ContentItem = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  type: ContentTypeSchema,
  title: Type.String(),
  /** Null: kept for the organization. */
  owner: Type.Union([UserRef, Type.Null()]),
  workspaceId: Type.Union([Type.String(), Type.Null()]),
  sequenceStatus: Type.Union([SequenceStatusSchema, Type.Null()]),
  collaboratorCount: Type.Integer(),
  updatedAt: Iso,
});
export type ContentItem = Static<typeof ContentItem>;

export const ContentItemList = Type.Object({ items: Type.Array(ContentItem), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const ContentItemQuery = Type.Object({
  ownerUserId: Type.Optional(Type.String({ maxLength: 64 })),
  collaboratorUserId: Type.Optional(Type.String({ maxLength: 64 })),
  type: Type.Optional(ContentTypeSchema),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: PageLimit(),
});

// ---- Service API (Sofie's content services, service token) ----

export const ServiceCollaborator = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }), role: CollaboratorRoleSchema });

export const ServiceContentItem = Type.Object({
  externalId: Type.String({ minLength: 1, maxLength: 200 }),
  type: ContentTypeSchema,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  /** Null: the organization owns it. */
  ownerUserId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
  workspaceId: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  /** Sequences only; defaults to active. */
  sequenceStatus: Type.Optional(SequenceStatusSchema),
  /** When given, replaces the item's collaborators. */
  collaborators: Type.Optional(Type.Array(ServiceCollaborator, { maxItems: 500 })),
});
export type ServiceContentItem = Static<typeof ServiceContentItem>;

export const UpsertContentItemsBody = Type.Object({ items: Type.Array(ServiceContentItem, { minItems: 1, maxItems: 1000 }) });
export const UpsertContentItemsResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  items: Type.Array(
    Type.Object({
      externalId: Type.String(),
      id: Type.String(),
      outcome: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]),
    }),
  ),
});

export const RemoveContentItemsBody = Type.Object({ externalIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 1000 }) });
export const RemoveContentItemsResult = Type.Object({ removed: Type.Integer(), notFound: Type.Integer() });

export const CollaboratorChangesBody = Type.Object({
  add: Type.Optional(
    Type.Array(
      Type.Object({
        externalId: Type.String({ minLength: 1, maxLength: 200 }),
        userId: Type.String({ minLength: 1, maxLength: 64 }),
        role: CollaboratorRoleSchema,
      }),
      { maxItems: 1000 },
    ),
  ),
  remove: Type.Optional(
    Type.Array(Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }), userId: Type.String({ minLength: 1, maxLength: 64 }) }), {
      maxItems: 1000,
    }),
  ),
});
export const CollaboratorChangesResult = Type.Object({ added: Type.Integer(), updated: Type.Integer(), removed: Type.Integer(), unchanged: Type.Integer() });

// ---- Webhooks ----

export const WEBHOOK_EVENT_TYPES = ['content.ownership_changed', 'content.collaborators_changed', 'content.removed', 'sequence.status_changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WebhookEndpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  createdAt: Iso,
  disabledAt: Type.Union([Iso, Type.Null()]),
  pending: Type.Integer(),
  failed: Type.Integer(),
});
/** Oldest first (created_at, then id, ascending). */
export const WebhookEndpointList = PageOf(WebhookEndpoint);
export const CreateWebhookEndpointBody = Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2000 }),
  description: Type.Optional(Type.String({ maxLength: 300 })),
});
/** The signing secret is shown once, at creation. */
export const CreatedWebhookEndpoint = Type.Object({ ...WebhookEndpoint.properties, secret: Type.String() });

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  nextAttemptAt: Iso,
  deliveredAt: Type.Union([Iso, Type.Null()]),
  createdAt: Iso,
});
/** Newest first (created_at, then id, descending). */
export const WebhookDeliveryList = PageOf(WebhookDelivery);

/**
 * Headers of every delivery. The signature is `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`
 * with the endpoint's secret, where timestamp is the x-sofie-timestamp header (Unix seconds).
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-sofie-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-sofie-timestamp';
export const WEBHOOK_EVENT_HEADER = 'x-sofie-event';
export const WEBHOOK_DELIVERY_HEADER = 'x-sofie-delivery';
