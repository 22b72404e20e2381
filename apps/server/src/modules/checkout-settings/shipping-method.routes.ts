import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import * as s from './checkout-settings.schemas.ts';
import type { ShippingMethodService } from './shipping-method.service.ts';

const read = { permission: 'checkout:read' } as const;
const manage = { permission: 'checkout:manage' } as const;

/** /api/v1/admin/shipping-methods. */
export function shippingMethodRoutes(methods: ShippingMethodService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['checkout settings'];
    r.get('/shipping-methods', { config: read, schema: { tags, summary: 'Shipping methods, oldest first', querystring: pageQuery, response: { 200: pageSchema(s.shippingMethodSchema) } } }, async (request) =>
      methods.list(ctxOf(request), request.query),
    );
    r.get('/shipping-methods/:id', { config: read, schema: { tags, summary: 'A shipping method', params: s.idParams, response: { 200: s.shippingMethodSchema } } }, async (request) =>
      methods.get(ctxOf(request), request.params.id),
    );
    r.post('/shipping-methods', { config: manage, schema: { tags, summary: 'Add a shipping method', body: s.shippingMethodBody, response: { 201: s.shippingMethodSchema } } }, async (request, reply) =>
      reply.code(201).send(await methods.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch(
      '/shipping-methods/:id',
      { config: manage, schema: { tags, summary: 'Change a shipping method', params: s.idParams, body: s.shippingMethodPatch, response: { 200: s.shippingMethodSchema } } },
      async (request) => methods.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete('/shipping-methods/:id', { config: manage, schema: { tags, summary: 'Delete a shipping method', params: s.idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await methods.remove(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    });
  };
}
