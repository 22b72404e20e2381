import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { auditOrigin } from './audit-origin.ts';
import type { IpRuleService } from './ip-rule.service.ts';
import { pageQuery, pageSchema } from './pagination.ts';
import { cidrInput, idParams, instant, instantInput } from './security.schemas.ts';

const ipRule = z.object({
  id: z.uuid(),
  scope: z.enum(['store', 'platform']),
  cidr: z.string(),
  action: z.enum(['allow', 'deny']),
  reason: z.string(),
  expiresAt: instant.nullable(),
  createdBy: z.string().nullable(),
  createdAt: instant,
});

const newIpRule = z.strictObject({
  cidr: cidrInput,
  action: z.enum(['allow', 'deny']).describe('deny: refuse the addresses; allow: once a store has any, only its allowed addresses get in'),
  reason: z.string().trim().min(1).max(500),
  expiresAt: instantInput.optional(),
});

const tags = ['security'];

export function registerIpRuleRoutes(app: FastifyInstance, ipRules: IpRuleService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { permission: 'ip_rules:manage' } as const;

  r.get(
    '/ip-rules',
    { config, schema: { tags, summary: "The store's IP rules in force for the admin API, newest first", querystring: z.object(pageQuery), response: { 200: pageSchema(ipRule) } } },
    async (request) => ipRules.list(ctxOf(request), request.query),
  );

  r.post(
    '/ip-rules',
    {
      config,
      schema: { tags, summary: 'Add an allow or deny rule for the admin API of this store', body: newIpRule, response: { 201: ipRule } },
    },
    async (request, reply) => reply.code(201).send(await ipRules.add(ctxOf(request), request.body, auditOrigin(request))),
  );

  r.delete(
    '/ip-rules/:id',
    { config, schema: { tags, summary: 'Remove one of the store’s IP rules', params: idParams, response: { 204: z.null().describe('Removed') } } },
    async (request, reply) => {
      await ipRules.remove(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    },
  );
}
