import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import * as s from './checkout-settings.schemas.ts';
import type { DiscountService } from './discount.service.ts';

const read = { permission: 'discounts:read' } as const;
const manage = { permission: 'discounts:manage' } as const;

/** /api/v1/admin/discounts. */
export function discountRoutes(discounts: DiscountService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['discounts'];
    r.get('/discounts', { config: read, schema: { tags, summary: 'Discounts, oldest first; ?code= finds one by its code', querystring: s.discountListQuery, response: { 200: pageSchema(s.discountSchema) } } }, async (request) =>
      discounts.list(ctxOf(request), request.query),
    );
    r.get('/discounts/:id', { config: read, schema: { tags, summary: 'A discount, with how often it was used', params: s.idParams, response: { 200: s.discountSchema } } }, async (request) =>
      discounts.get(ctxOf(request), request.params.id),
    );
    r.post('/discounts', { config: manage, schema: { tags, summary: 'Add a discount (a code, or automatic without one)', body: s.discountBody, response: { 201: s.discountSchema } } }, async (request, reply) =>
      reply.code(201).send(await discounts.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch('/discounts/:id', { config: manage, schema: { tags, summary: 'Change a discount', params: s.idParams, body: s.discountPatch, response: { 200: s.discountSchema } } }, async (request) =>
      discounts.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete('/discounts/:id', { config: manage, schema: { tags, summary: 'Delete a discount that was never used', params: s.idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await discounts.remove(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    });
  };
}
