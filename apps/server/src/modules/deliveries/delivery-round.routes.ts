import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import * as s from './deliveries.schemas.ts';
import type { DeliveryAttemptService } from './delivery-attempt.service.ts';
import type { DeliveryRoundService } from './delivery-round.service.ts';

const record = { permission: 'deliveries:record' } as const;
const tags = ['deliveries'];
const response = { 200: s.roundDeliveryDetailSchema };

/** /api/v1/admin/my-deliveries…: a delivery agent's own round. Another agent's delivery answers 404. */
export function deliveryRoundRoutes(round: DeliveryRoundService, attempts: DeliveryAttemptService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/my-deliveries', { config: record, schema: { tags, summary: "The signed-in agent's deliveries (the open ones unless a status is asked for)", querystring: s.roundQuery, response: { 200: pageSchema(s.roundDeliverySchema) } } }, async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return round.list(ctxOf(request), filters, { limit, cursor });
    });
    r.get('/my-deliveries/:id', { config: record, schema: { tags, summary: 'One of my deliveries, with where to go and its attempts', params: s.idParams, response } }, async (request) =>
      round.get(ctxOf(request), request.params.id),
    );
    r.post(
      '/my-deliveries/:id/start',
      { config: { ...record, idempotent: true }, schema: { tags, summary: 'Leave with the delivery: its order goes out for delivery (its stock is committed)', params: s.idParams, body: s.noBody, response } },
      async (request) => round.start(ctxOf(request), request.params.id),
    );
    r.post(
      '/my-deliveries/:id/attempts',
      {
        config: { ...record, idempotent: true },
        schema: { tags, summary: 'Record what happened at the door: failed (with a reason), rescheduled (with a day) or delivered (with the cash collected)', params: s.idParams, body: s.attemptBody, response },
      },
      async (request) => attempts.record(ctxOf(request), request.params.id, request.body),
    );
  };
}
