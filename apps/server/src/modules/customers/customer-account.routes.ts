import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { addressInput, addressPatch, addressSchema, customerSchema, idParams, password, profilePatch } from './customer.schemas.ts';
import type { CustomerServices } from './customers.services.ts';
import { originOf, sessionIdOf, storefrontCtxOf } from './storefront-request.ts';

const signedIn = { rateLimitTier: 'public' as const, customerAuth: true };
const tags = ['storefront customers'];

/** The signed-in customer's own profile, password and addresses: /api/v1/store/customers/me… */
export function customerAccountRoutes(services: CustomerServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/me', { config: signedIn, schema: { tags, summary: 'Your profile', response: { 200: customerSchema } } }, async (request) => services.profile.me(storefrontCtxOf(request)));
    r.patch('/me', { config: signedIn, schema: { tags, summary: 'Change your name or phone (email, status and store are refused)', body: profilePatch, response: { 200: customerSchema } } },
      async (request) => services.profile.update(storefrontCtxOf(request), request.body));
    r.post('/me/password', { config: { ...signedIn, rateLimitTier: 'auth' }, schema: { tags, summary: 'Change your password; ends your other sessions', body: z.object({ currentPassword: password, newPassword: password }).strict(), response: { 204: z.null() } } },
      async (request, reply) => {
        await services.passwords.changePassword(storefrontCtxOf(request), request.body, sessionIdOf(request), originOf(request));
        return reply.code(204).send(null);
      });
    r.get('/me/addresses', { config: signedIn, schema: { tags, summary: 'Your addresses, newest first', querystring: pageQuery, response: { 200: pageSchema(addressSchema) } } },
      async (request) => services.addresses.list(storefrontCtxOf(request), request.query));
    r.post('/me/addresses', { config: signedIn, schema: { tags, summary: 'Add an address', body: addressInput, response: { 201: addressSchema } } },
      async (request, reply) => reply.code(201).send(await services.addresses.create(storefrontCtxOf(request), request.body)));
    r.get('/me/addresses/:id', { config: signedIn, schema: { tags, summary: 'One of your addresses', params: idParams, response: { 200: addressSchema } } },
      async (request) => services.addresses.get(storefrontCtxOf(request), request.params.id));
    r.patch('/me/addresses/:id', { config: signedIn, schema: { tags, summary: 'Change one of your addresses', params: idParams, body: addressPatch, response: { 200: addressSchema } } },
      async (request) => services.addresses.update(storefrontCtxOf(request), request.params.id, request.body));
    r.delete('/me/addresses/:id', { config: signedIn, schema: { tags, summary: 'Remove one of your addresses', params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await services.addresses.remove(storefrontCtxOf(request), request.params.id);
        return reply.code(204).send(null);
      });
  };
}
