import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { auditOrigin } from '../security/index.ts';
import { clientOf } from './http-context.ts';
import { idParams, invitationSchema, noBody, profilePatch, roleSchema, sessionSchema, staffSchema } from './identity.schemas.ts';
import type { IdentityServices } from './identity.services.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';

const read = { permission: 'staff:read' as const };
const manage = { permission: 'staff:manage' as const };
const tags = ['staff'];

/** The store's staff: /api/v1/admin/staff/… */
export function staffRoutes(services: IdentityServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { staff, invitations, staffSessions } = services;
    r.get('/staff', { config: read, schema: { tags, summary: 'Staff members', querystring: pageQuery, response: { 200: pageSchema(staffSchema) } } }, async (request) => staff.list(ctxOf(request), request.query));
    r.get('/staff/:id', { config: read, schema: { tags, summary: 'One staff member', params: idParams, response: { 200: staffSchema } } }, async (request) => staff.get(ctxOf(request), request.params.id));
    r.patch('/staff/:id', { config: manage, schema: { tags, summary: "Change a staff member's name", params: idParams, body: profilePatch, response: { 200: staffSchema } } }, async (request) =>
      staff.updateProfile(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.put(
      '/staff/:id/role',
      { config: manage, schema: { tags, summary: 'Change a role (owners alone make or unmake owners; never your own)', params: idParams, body: z.object({ role: roleSchema }).strict(), response: { 200: staffSchema } } },
      async (request) => staff.changeRole(ctxOf(request), request.params.id, request.body.role, auditOrigin(request)),
    );
    r.post('/staff/:id/disable', { config: manage, schema: { tags, summary: 'Disable a staff member and end their sessions', params: idParams, body: noBody, response: { 200: staffSchema } } }, async (request) =>
      staff.setStatus(ctxOf(request), request.params.id, 'disabled', auditOrigin(request)),
    );
    r.post('/staff/:id/enable', { config: manage, schema: { tags, summary: 'Let a disabled staff member sign in again', params: idParams, body: noBody, response: { 200: staffSchema } } }, async (request) =>
      staff.setStatus(ctxOf(request), request.params.id, 'active', auditOrigin(request)),
    );

    const sessionParams = z.object({ id: z.uuid(), sessionId: z.uuid() }).strict();
    r.get('/staff/:id/sessions', { config: manage, schema: { tags, summary: "A staff member's active sessions (owners only)", params: idParams, querystring: pageQuery, response: { 200: pageSchema(sessionSchema) } } }, async (request) =>
      staffSessions.listOf(ctxOf(request), request.params.id, request.query),
    );
    r.delete('/staff/:id/sessions/:sessionId', { config: manage, schema: { tags, summary: "End a staff member's session (owners only)", params: sessionParams, response: { 204: z.null() } } }, async (request, reply) => {
      await staffSessions.revokeOf(ctxOf(request), request.params.id, request.params.sessionId, clientOf(request));
      return reply.code(204).send(null);
    });

    r.get('/staff-invitations', { config: read, schema: { tags, summary: 'Open invitations', querystring: pageQuery, response: { 200: pageSchema(invitationSchema) } } }, async (request) => invitations.list(ctxOf(request), request.query));
    r.post(
      '/staff-invitations',
      { config: manage, schema: { tags, summary: 'Invite someone by email (single-use link, 7 days)', body: z.object({ email: z.email().max(254), role: roleSchema }).strict(), response: { 201: invitationSchema } } },
      async (request, reply) => reply.code(201).send(await invitations.invite(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.delete('/staff-invitations/:id', { config: manage, schema: { tags, summary: 'Withdraw an open invitation', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await invitations.revoke(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    });
  };
}
