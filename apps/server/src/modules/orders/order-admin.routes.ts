import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import type { OrderAdminService } from './order-admin.service.ts';
import * as s from './orders.schemas.ts';
import type { StatusChangeService } from './status-change.service.ts';

const read = { permission: 'orders:read' } as const;
const write = { permission: 'orders:write' } as const;
const tags = ['orders'];
const response = { 200: s.orderDetailSchema };

/** /api/v1/admin/orders…: the store's orders for staff and API keys. */
export function orderAdminRoutes(orders: OrderAdminService, statuses: StatusChangeService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/orders', { config: read, schema: { tags, summary: 'Orders, newest first, with filters', querystring: s.orderListQuery, response: { 200: pageSchema(s.orderSchema) } } }, async (request) => {
      const { limit, cursor, placedFrom, placedTo, ...filters } = request.query;
      return orders.list(ctxOf(request), { ...filters, placedFrom: placedFrom ? new Date(placedFrom) : undefined, placedTo: placedTo ? new Date(placedTo) : undefined }, { limit, cursor });
    });
    r.get('/orders/:id', { config: read, schema: { tags, summary: 'An order with its lines, totals and history', params: s.idParams, response } }, async (request) =>
      orders.get(ctxOf(request), request.params.id),
    );
    r.post(
      '/orders/:id/status',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Move the order to another status (409 when the status table does not allow it)', params: s.idParams, body: s.statusBody, response } },
      async (request) => statuses.changeStatus(ctxOf(request), request.params.id, request.body),
    );
    r.post('/orders/:id/notes', { config: write, schema: { tags, summary: "Add a note to the order's history", params: s.idParams, body: s.noteBody, response } }, async (request) =>
      orders.addNote(ctxOf(request), request.params.id, request.body.note),
    );
    r.put('/orders/:id/tags', { config: write, schema: { tags, summary: "Replace the order's tags", params: s.idParams, body: s.tagsBody, response } }, async (request) =>
      orders.setTags(ctxOf(request), request.params.id, request.body.tags),
    );
  };
}
