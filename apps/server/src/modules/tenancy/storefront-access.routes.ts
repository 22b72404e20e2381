import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import type { StorefrontAccessService } from './storefront-access.service.ts';

const keySchema = z.object({ id: z.uuid(), name: z.string(), token: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
const domainSchema = z.object({ id: z.uuid(), host: z.string(), createdAt: z.string() });
const idParams = z.object({ id: z.uuid() }).strict();

/** /api/v1/admin/store/publishable-keys and /api/v1/admin/store/domains. */
export function storefrontAccessRoutes(access: StorefrontAccessService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['store'];
    r.get(
      '/store/publishable-keys',
      { config: { permission: 'store:read' }, schema: { tags, summary: 'Publishable (storefront) keys of the store', querystring: pageQuery, response: { 200: pageSchema(keySchema) } } },
      async (request) => access.listKeys(ctxOf(request), request.query),
    );
    r.post(
      '/store/publishable-keys',
      {
        config: { permission: 'store:manage' },
        schema: { tags, summary: 'Make a publishable key (public: it grants read-only storefront access)', body: z.object({ name: z.string().trim().min(1).max(100) }).strict(), response: { 201: keySchema } },
      },
      async (request, reply) => reply.code(201).send(await access.createKey(ctxOf(request), request.body.name, auditOrigin(request))),
    );
    r.delete(
      '/store/publishable-keys/:id',
      { config: { permission: 'store:manage' }, schema: { tags, summary: 'Revoke a publishable key', params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await access.revokeKey(ctxOf(request), request.params.id, auditOrigin(request));
        return reply.code(204).send(null);
      },
    );
    r.get(
      '/store/domains',
      { config: { permission: 'store:read' }, schema: { tags, summary: 'Host names that address the storefront', querystring: pageQuery, response: { 200: pageSchema(domainSchema) } } },
      async (request) => access.listDomains(ctxOf(request), request.query),
    );
    r.post(
      '/store/domains',
      {
        config: { permission: 'store:manage' },
        schema: { tags, summary: 'Map a host name to the storefront', body: z.object({ host: z.string().trim().min(1).max(253) }).strict(), response: { 201: domainSchema } },
      },
      async (request, reply) => reply.code(201).send(await access.addDomain(ctxOf(request), request.body.host, auditOrigin(request))),
    );
    r.delete(
      '/store/domains/:id',
      { config: { permission: 'store:manage' }, schema: { tags, summary: 'Remove a host name', params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await access.removeDomain(ctxOf(request), request.params.id, auditOrigin(request));
        return reply.code(204).send(null);
      },
    );
  };
}
