import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { auditOrigin } from '../security/index.ts';
import { clearRefreshCookie, clientOf, guestCtxOf, readRefreshCookie, setRefreshCookie, wantsRefreshCookie } from './http-context.ts';
import type { IdentityServices } from './identity.services.ts';
import type { LoginResult } from './login.service.ts';
import { MAX_PASSWORD_LENGTH } from './password-policy.ts';
import type { IssuedTokens } from './session.service.ts';
import { staffSchema } from './identity.schemas.ts';

const auth = { rateLimitTier: 'auth' as const };
const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const token = z.string().min(16).max(200);
const tokensSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  /** Absent when it was set as the HttpOnly cookie instead (X-Refresh-Cookie: 1). */
  refreshToken: z.string().optional(),
  /** The store requires 2FA for owners and admins: until enrolled, only /auth routes work. */
  mfaSetupRequired: z.boolean(),
});
const mfaRequiredSchema = z.object({ mfaRequired: z.literal(true), mfaToken: z.string() });
const accepted = z.object({ status: z.literal('accepted'), detail: z.string() });
const RESET_ACCEPTED = { status: 'accepted' as const, detail: 'If the store has an active account with this email, a link to choose a new password is on its way. It works once, for 30 minutes.' };

function tokensReply(reply: FastifyReply, tokens: IssuedTokens, mfaSetupRequired: boolean, asCookie: boolean) {
  reply.header('cache-control', 'no-store');
  if (asCookie) setRefreshCookie(reply, tokens.refreshToken, tokens.refreshExpiresIn);
  return { accessToken: tokens.accessToken, tokenType: 'Bearer' as const, expiresIn: tokens.expiresIn, ...(asCookie ? {} : { refreshToken: tokens.refreshToken }), mfaSetupRequired };
}

function loginReply(request: FastifyRequest, reply: FastifyReply, result: LoginResult) {
  if (result.kind === 'mfa_required') return { mfaRequired: true as const, mfaToken: result.mfaToken };
  return tokensReply(reply, result.tokens, result.mfaSetupRequired, wantsRefreshCookie(request));
}

/** Staff sign-in and everything around it: /api/v1/admin/auth/… */
export function authRoutes(services: IdentityServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/login',
      {
        config: auth,
        schema: {
          tags: ['auth'],
          summary: 'Sign in with store handle, email and password (send X-Refresh-Cookie: 1 to get the refresh token as an HttpOnly cookie)',
          body: z.object({ store: z.string().min(1).max(40), email: z.string().min(3).max(254), password }).strict(),
          response: { 200: z.union([tokensSchema, mfaRequiredSchema]) },
        },
      },
      async (request, reply) => loginReply(request, reply, await services.login.login(guestCtxOf(request), request.body, clientOf(request))),
    );
    r.post(
      '/login/mfa',
      {
        config: auth,
        schema: { tags: ['auth'], summary: 'Second sign-in step: a TOTP code or a recovery code', body: z.object({ mfaToken: z.string().max(2000), code: z.string().min(6).max(20) }).strict(), response: { 200: tokensSchema } },
      },
      async (request, reply) => {
        const signedIn = await services.login.completeMfa(guestCtxOf(request), request.body, clientOf(request));
        return tokensReply(reply, signedIn.tokens, signedIn.mfaSetupRequired, wantsRefreshCookie(request));
      },
    );
    r.post(
      '/refresh',
      {
        config: auth,
        schema: { tags: ['auth'], summary: 'Exchange a refresh token (body, or the HttpOnly cookie) for a new pair; each works once', body: z.object({ refreshToken: token.optional() }).strict(), response: { 200: tokensSchema } },
      },
      async (request, reply) => {
        const fromCookie = request.body.refreshToken === undefined;
        const presented = request.body.refreshToken ?? readRefreshCookie(request) ?? '';
        const { tokens, mfaSetupRequired } = await services.sessions.refresh(guestCtxOf(request), presented, clientOf(request));
        return tokensReply(reply, tokens, mfaSetupRequired, fromCookie);
      },
    );
    r.post(
      '/logout',
      { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: 'End the current session', body: z.object({}).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.staffSessions.logout(ctxOf(request), request.principal!.sessionId ?? '', clientOf(request));
        clearRefreshCookie(reply);
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/password-reset',
      { config: auth, schema: { tags: ['auth'], summary: 'Ask for a password reset link (always 202)', body: z.object({ store: z.string().min(1).max(40), email: z.string().min(3).max(254) }).strict(), response: { 202: accepted } } },
      async (request, reply) => {
        await services.passwordReset.requestReset(guestCtxOf(request), request.body, clientOf(request));
        return reply.code(202).send(RESET_ACCEPTED);
      },
    );
    r.post(
      '/password-reset/confirm',
      { config: auth, schema: { tags: ['auth'], summary: 'Set a new password with a reset or first-password link; ends every session', body: z.object({ token, newPassword: password }).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.passwordReset.confirmReset(guestCtxOf(request), request.body, clientOf(request));
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/invitations/accept',
      { config: auth, schema: { tags: ['auth'], summary: 'Accept a staff invitation: your name and password', body: z.object({ token, name: z.string().trim().min(1).max(200), password }).strict(), response: { 201: staffSchema } } },
      async (request, reply) => reply.code(201).send(await services.invitations.accept(guestCtxOf(request), request.body, auditOrigin(request))),
    );
  };
}
