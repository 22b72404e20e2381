import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import type { OrderEditService } from './order-edit.service.ts';
import { orderEditBody, orderEditSchema } from './order-edit.schemas.ts';
import { idParams, orderDetailSchema } from './orders.schemas.ts';

const tags = ['orders'];

/** /api/v1/admin/orders/:id (PATCH) and its edits: staff edit orders before fulfilment (docs/orders.md#editing-an-order). */
export function orderEditRoutes(edits: OrderEditService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.patch(
      '/orders/:id',
      {
        config: { permission: 'orders:write', idempotent: true },
        schema: {
          tags,
          summary: 'Edit a pending or confirmed order: quantities, new lines, address, shipping, contact (re-priced; 409 once fulfilment started)',
          params: idParams,
          body: orderEditBody,
          response: { 200: orderDetailSchema },
        },
      },
      async (request) => {
        const { shippingAddress: a, ...rest } = request.body;
        const shippingAddress = a && { name: a.name, line1: a.line1, line2: a.line2 ?? null, city: a.city, postalCode: a.postalCode, region: a.region ?? null, country: a.country, phone: a.phone ?? null };
        return edits.editOrder(ctxOf(request), request.params.id, { ...rest, shippingAddress });
      },
    );
    r.get(
      '/orders/:id/edits',
      { config: { permission: 'orders:read' }, schema: { tags, summary: "The order's edits, oldest first, each with the order before and after it", params: idParams, querystring: pageQuery, response: { 200: pageSchema(orderEditSchema) } } },
      async (request) => edits.listEdits(ctxOf(request), request.params.id, request.query),
    );
  };
}
