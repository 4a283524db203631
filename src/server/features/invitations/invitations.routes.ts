import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SignInResult, TokenBody } from '../../../contracts/auth.js';
import { ErrorBody, IdempotencyHeaders, IdParams, Ok, ReasonBody } from '../../../contracts/common.js';
import { InvitationList, InvitationListQuery, InviteBody, InviteResponse } from '../../../contracts/invitations.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { idempotent } from '../../platform/idempotency.js';
import { setSessionCookie } from '../auth/index.js';
import { EXISTING_USER_ROLE_CHANGE, inviteUsers } from './invitations.invite.js';
import { acceptInvitation, listInvitations, resendInvitation, revokeInvitation } from './invitations.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const invitationsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(acceptRoutes, { deps });
  app.post('/api/invitations', {
    config: {
      permission: 'users.invite',
      conditional: {
        [EXISTING_USER_ROLE_CHANGE]: {
          permission: 'users.assign_role',
          stepUp: true,
          when: 'an address already has an account with another role, which the invitation changes',
        },
      },
    },
    schema: {
      operationId: 'invite',
      tags: ['Invitations'],
      summary: 'Invite one or many people; an existing address is updated instead (Idempotency-Key honoured)',
      headers: IdempotencyHeaders,
      body: InviteBody,
      response: { 200: InviteResponse, ...errors },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      const body = await idempotent(request, reply, deps, ctx.organizationId, async () => ({
        status: 200,
        body: { results: await inviteUsers(ctx, request.body) },
      }));
      app.mailWorker?.kick();
      return body;
    },
  });

  app.get('/api/invitations', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listInvitations',
      tags: ['Invitations'],
      summary: 'Invitations, newest first',
      querystring: InvitationListQuery,
      response: { 200: InvitationList, ...errors },
    },
    handler: async (request) => listInvitations(contextOf(request, deps), request.query),
  });

  app.post('/api/invitations/:id/resend', {
    config: { permission: 'users.invite' },
    schema: {
      operationId: 'resendInvitation',
      tags: ['Invitations'],
      summary: 'Send a new link (the old one stops working); expiry restarts',
      params: IdParams,
      body: ReasonBody,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await resendInvitation(contextOf(request, deps), request.params.id, request.body.reason);
      app.mailWorker?.kick();
      return { ok: true as const };
    },
  });

  app.post('/api/invitations/:id/revoke', {
    config: { permission: 'users.invite' },
    schema: {
      operationId: 'revokeInvitation',
      tags: ['Invitations'],
      summary: 'Withdraw a pending invitation',
      params: IdParams,
      body: ReasonBody,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await revokeInvitation(contextOf(request, deps), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  });
};

/** The invited person’s side: accepting with the link’s token. */
const acceptRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/invitations/accept', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      operationId: 'acceptInvitation',
      tags: ['Invitations'],
      summary: 'Accept an invitation: activates the account and signs in',
      body: TokenBody,
      response: { 200: SignInResult, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const session = await acceptInvitation(deps, request.body.token, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, deps, session);
      return { redirectTo: '/welcome', firstSignIn: true };
    },
  });
};
