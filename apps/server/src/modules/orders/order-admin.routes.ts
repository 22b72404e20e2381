import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import type { OrderAdminService } from './order-admin.service.ts';
import type { OrderExportService } from './order-export.service.ts';
import type { OrderFilters } from './order-list.repository.ts';
import * as s from './orders.schemas.ts';
import type { StatusChangeService } from './status-change.service.ts';

const read = { permission: 'orders:read' } as const;
const exportable = { permission: 'orders:export' } as const;
const write = { permission: 'orders:write' } as const;
const tags = ['orders'];
const response = { 200: s.orderDetailSchema };

const filtersOf = ({ placedFrom, placedTo, ...rest }: z.output<typeof s.orderExportQuery>): OrderFilters => ({
  ...rest,
  placedFrom: placedFrom ? new Date(placedFrom) : undefined,
  placedTo: placedTo ? new Date(placedTo) : undefined,
});

/** /api/v1/admin/orders…: the store's orders for staff and API keys. */
export function orderAdminRoutes(orders: OrderAdminService, statuses: StatusChangeService, exports: OrderExportService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/orders', { config: read, schema: { tags, summary: 'Orders, newest first, with filters', querystring: s.orderListQuery, response: { 200: pageSchema(s.orderSchema) } } }, async (request) => {
      const { limit, cursor, ...query } = request.query;
      return orders.list(ctxOf(request), filtersOf(query), { limit, cursor });
    });
    // A static segment: the router matches it before `/orders/:id`, whatever the registration order.
    r.get(
      '/orders/export',
      {
        config: exportable,
        schema: {
          tags,
          summary: 'The orders passing the list filters as CSV, one row per order line (422 ORDER_EXPORT_TOO_LARGE past 100,000 orders)',
          querystring: s.orderExportQuery,
          produces: ['text/csv'],
          response: { 200: z.string().describe('The CSV file, streamed') },
        },
      },
      async (request, reply) => {
        const { fileName, chunks } = await exports.exportOrders(ctxOf(request), filtersOf(request.query));
        reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`);
        // The schema documents the body as text; Fastify sends a stream as it comes, without serialising it.
        return reply.send(Readable.from(chunks) as never);
      },
    );
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
