import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import type { AuditService } from './audit.service.ts';
import { pageQuery, pageSchema } from './pagination.ts';
import { instant, instantInput } from './security.schemas.ts';

const entry = z.object({
  id: z.uuid(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  changes: z.unknown().describe('{ before?, after? }: the fields that changed, secrets masked'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: instant,
});

const query = z.object({
  ...pageQuery,
  actorType: z.enum(['staff', 'api_key', 'system', 'customer', 'guest', 'device']).optional(),
  actorId: z.string().max(200).optional(),
  action: z.string().max(100).optional().describe('Exact action, e.g. api_key.created'),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  from: instantInput.optional().describe('Entries at or after this time'),
  to: instantInput.optional().describe('Entries before this time'),
});

/** Read-only by design: the audit log has no route that changes or removes entries. */
export function registerAuditRoutes(app: FastifyInstance, audit: AuditService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: { tags: ['security'], summary: "The store's audit log, newest first", querystring: query, response: { 200: pageSchema(entry) } },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return audit.list(ctxOf(request), filters, { limit, cursor });
    },
  );
}
