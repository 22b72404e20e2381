import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import type { ApiKeyService } from './api-key.service.ts';
import { auditOrigin } from './audit-origin.ts';
import { pageQuery, pageSchema } from './pagination.ts';
import { PERMISSIONS } from './permissions.ts';
import { cidrInput, idParams, instant, instantInput } from './security.schemas.ts';

const apiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The public start of the key (wk_sk_…), to recognise it; the secret is never shown again'),
  permissions: z.array(z.string()),
  ipAllowlist: z.array(z.string()).describe('CIDRs the key may be used from; empty: anywhere'),
  expiresAt: instant.nullable(),
  createdBy: z.string().nullable(),
  createdAt: instant,
  lastUsedAt: instant.nullable().describe('Updated at most once a minute'),
  lastUsedIp: z.string().nullable(),
  revokedAt: instant.nullable(),
});

const newApiKey = z.strictObject({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length).describe('At most the permissions of whoever creates the key'),
  expiresAt: instantInput.optional(),
  ipAllowlist: z.array(cidrInput).max(50).optional(),
});

const tags = ['security'];

export function registerApiKeyRoutes(app: FastifyInstance, apiKeys: ApiKeyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { permission: 'api_keys:manage' } as const;

  r.post(
    '/api-keys',
    {
      config,
      schema: {
        tags,
        summary: 'Create an API key; the response is the only time its secret is shown',
        body: newApiKey,
        response: { 201: apiKey.extend({ key: z.string().describe('wk_sk_<prefix>_<secret>: store it now, it cannot be shown again') }) },
      },
    },
    async (request, reply) => {
      const created = await apiKeys.create(ctxOf(request), request.body, auditOrigin(request));
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  r.get(
    '/api-keys',
    { config, schema: { tags, summary: "The store's API keys, newest first (revoked ones included)", querystring: z.object(pageQuery), response: { 200: pageSchema(apiKey) } } },
    async (request) => apiKeys.list(ctxOf(request), request.query),
  );

  r.get(
    '/api-keys/:id',
    { config, schema: { tags, summary: 'One API key', params: idParams, response: { 200: apiKey } } },
    async (request) => apiKeys.get(ctxOf(request), request.params.id),
  );

  r.delete(
    '/api-keys/:id',
    { config, schema: { tags, summary: 'Revoke an API key, with effect from the next request', params: idParams, response: { 204: z.null().describe('Revoked') } } },
    async (request, reply) => {
      await apiKeys.revoke(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    },
  );
}
