import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as s from './deliveries.schemas.ts';
import type { DeliveryAssignmentService } from './delivery-assignment.service.ts';
import type { DeliveryDeskService } from './delivery-desk.service.ts';

const read = { permission: 'deliveries:read' } as const;
const assign = { permission: 'deliveries:assign' } as const;
const tags = ['deliveries'];

/** /api/v1/admin/deliveries… and the assignment of an order: the managers' delivery desk. */
export function deliveryDeskRoutes(desk: DeliveryDeskService, assignments: DeliveryAssignmentService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/deliveries', { config: read, schema: { tags, summary: 'The delivery desk, newest first, with filters', querystring: s.deskQuery, response: { 200: pageSchema(s.deliverySchema) } } }, async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return desk.list(ctxOf(request), filters, { limit, cursor });
    });
    // A static segment: the router matches it before `/deliveries/:id`.
    r.get(
      '/deliveries/unassigned',
      { config: read, schema: { tags, summary: 'Cash-on-delivery orders (confirmed or processing) that no agent carries yet, oldest first', querystring: pageQuery, response: { 200: pageSchema(s.unassignedOrderSchema) } } },
      async (request) => desk.unassigned(ctxOf(request), request.query),
    );
    r.get('/deliveries/:id', { config: read, schema: { tags, summary: 'A delivery with its assignments and attempts', params: s.idParams, response: { 200: s.deliveryDetailSchema } } }, async (request) =>
      desk.get(ctxOf(request), request.params.id),
    );
    r.post(
      '/orders/:id/delivery-assignments',
      {
        config: { ...assign, idempotent: true },
        schema: {
          tags,
          summary: "Give a cash-on-delivery order's delivery to an agent, or move it to another (until it is delivered)",
          params: s.idParams,
          body: s.assignBody,
          response: { 200: s.deliveryDetailSchema },
        },
      },
      async (request) => assignments.assign(ctxOf(request), request.params.id, request.body),
    );
  };
}
