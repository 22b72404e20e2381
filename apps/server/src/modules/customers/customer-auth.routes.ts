import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IssuedTokens } from '../identity/index.ts';
import { acceptedSchema, email, linkToken, noBody, password, tokensSchema } from './customer.schemas.ts';
import type { CustomerServices } from './customers.services.ts';
import { originOf, sessionIdOf, storefrontCtxOf } from './storefront-request.ts';

const auth = { rateLimitTier: 'auth' as const };
const tags = ['storefront customers'];
const accepted = (detail: string) => ({ status: 'accepted' as const, detail });
const REGISTER_ACCEPTED = accepted('Check your email: we sent a link to confirm the address. It works once, for 24 hours.');
const CODE_ACCEPTED = accepted('If the store has an account with this email, a 6-digit code is on its way. It works once, for 10 minutes.');
const RESET_ACCEPTED = accepted('If the store has an account with this email, a link to choose a new password is on its way. It works once, for 30 minutes.');

function tokensReply(reply: FastifyReply, tokens: IssuedTokens) {
  reply.header('cache-control', 'no-store');
  return { accessToken: tokens.accessToken, tokenType: 'Bearer' as const, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken, refreshExpiresIn: tokens.refreshExpiresIn };
}

/** Registration, email verification, sign-in (password or emailed code), refresh, sign-out and password reset: /api/v1/store/customers/… */
export function customerAuthRoutes(services: CustomerServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post('/register', { config: auth, schema: { tags, summary: 'Create an account (always 202, the same body whether or not the email was taken)', body: z.object({ email, password, name: z.string().trim().min(1).max(200) }).strict(), response: { 202: acceptedSchema } } },
      async (request, reply) => {
        await services.registration.register(storefrontCtxOf(request), request.body, originOf(request));
        return reply.code(202).send(REGISTER_ACCEPTED);
      });
    r.post('/verify-email', { config: auth, schema: { tags, summary: 'Confirm the email address with the mailed link (single use, 24 h)', body: z.object({ token: linkToken }).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.registration.verifyEmail(storefrontCtxOf(request), request.body.token, originOf(request));
        return reply.code(204).send(null);
      });
    r.post('/login', { config: auth, schema: { tags, summary: 'Sign in with email and password', body: z.object({ email, password }).strict(), response: { 200: tokensSchema } } },
      async (request, reply) => tokensReply(reply, await services.login.login(storefrontCtxOf(request), request.body, originOf(request))));
    r.post('/login-code', { config: auth, schema: { tags, summary: 'Mail a 6-digit sign-in code (always 202, the same body)', body: z.object({ email }).strict(), response: { 202: acceptedSchema } } },
      async (request, reply) => {
        await services.loginCodes.requestCode(storefrontCtxOf(request), request.body, originOf(request));
        return reply.code(202).send(CODE_ACCEPTED);
      });
    r.post('/login-code/verify', { config: auth, schema: { tags, summary: 'Sign in with the mailed code (10 minutes, 5 tries, single use)', body: z.object({ email, code: z.string().regex(/^\d{6}$/) }).strict(), response: { 200: tokensSchema } } },
      async (request, reply) => tokensReply(reply, await services.loginCodes.loginWithCode(storefrontCtxOf(request), request.body, originOf(request))));
    r.post('/refresh', { config: auth, schema: { tags, summary: 'Exchange a refresh token for a new pair; each works once', body: z.object({ refreshToken: z.string().min(16).max(200) }).strict(), response: { 200: tokensSchema } } },
      async (request, reply) => tokensReply(reply, await services.login.refresh(storefrontCtxOf(request), request.body.refreshToken, originOf(request))));
    r.post('/logout', { config: { rateLimitTier: 'public', customerAuth: true }, schema: { tags, summary: 'End the current session', body: noBody, response: { 204: z.null() } } },
      async (request, reply) => {
        await services.login.logout(storefrontCtxOf(request), sessionIdOf(request));
        return reply.code(204).send(null);
      });
    r.post('/password-reset', { config: auth, schema: { tags, summary: 'Ask for a password reset link (always 202, the same body)', body: z.object({ email }).strict(), response: { 202: acceptedSchema } } },
      async (request, reply) => {
        await services.passwords.requestReset(storefrontCtxOf(request), request.body, originOf(request));
        return reply.code(202).send(RESET_ACCEPTED);
      });
    r.post('/password-reset/confirm', { config: auth, schema: { tags, summary: 'Set a new password with a reset link; ends every session', body: z.object({ token: linkToken, newPassword: password }).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.passwords.confirmReset(storefrontCtxOf(request), request.body, originOf(request));
        return reply.code(204).send(null);
      });
  };
}
