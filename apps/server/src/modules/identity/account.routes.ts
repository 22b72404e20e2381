import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { auditOrigin } from '../security/index.ts';
import { clientOf } from './http-context.ts';
import { idParams, noBody, profilePatch, sessionSchema, staffSchema } from './identity.schemas.ts';
import type { IdentityServices } from './identity.services.ts';
import { staffIdOf } from './identity-context.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';

const signedIn = { permission: 'authenticated' as const };
const code = z.string().min(6).max(20);

/** What a signed-in staff member does to their own account: /api/v1/admin/auth/{me,sessions,mfa}. */
export function accountRoutes(services: IdentityServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/me', { config: signedIn, schema: { tags: ['auth'], summary: 'Your own account', response: { 200: staffSchema } } }, async (request) => {
      const ctx = ctxOf(request);
      return services.staff.get(ctx, staffIdOf(ctx).staffId);
    });
    r.patch('/me', { config: signedIn, schema: { tags: ['auth'], summary: 'Change your name', body: profilePatch, response: { 200: staffSchema } } }, async (request) => {
      const ctx = ctxOf(request);
      return services.staff.updateProfile(ctx, staffIdOf(ctx).staffId, request.body, auditOrigin(request));
    });
    r.get(
      '/sessions',
      { config: signedIn, schema: { tags: ['auth'], summary: 'Your active sessions, newest first', querystring: pageQuery, response: { 200: pageSchema(sessionSchema) } } },
      async (request) => services.staffSessions.listMine(ctxOf(request), request.query, request.principal?.sessionId),
    );
    r.delete(
      '/sessions/:id',
      { config: signedIn, schema: { tags: ['auth'], summary: 'End one of your sessions', params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await services.staffSessions.revokeMine(ctxOf(request), request.params.id, clientOf(request));
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/mfa/enroll',
      {
        config: signedIn,
        schema: { tags: ['auth'], summary: 'Start two-factor enrolment: an otpauth URI and its QR code', body: noBody, response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() }) } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return services.mfa.enroll(ctxOf(request));
      },
    );
    r.post(
      '/mfa/confirm',
      {
        config: { ...signedIn, rateLimitTier: 'auth' },
        schema: { tags: ['auth'], summary: 'Turn two-factor sign-in on with a first code; returns 10 recovery codes once', body: z.object({ code }).strict(), response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return services.mfa.confirm(ctxOf(request), request.body.code, clientOf(request));
      },
    );
    r.post(
      '/mfa/disable',
      { config: { ...signedIn, rateLimitTier: 'auth' }, schema: { tags: ['auth'], summary: 'Turn two-factor sign-in off (needs a current code)', body: z.object({ code }).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.mfa.disable(ctxOf(request), request.body.code, clientOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
