import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import type { CashReconciliationService } from './cash-reconciliation.service.ts';
import * as s from './deliveries.schemas.ts';

const tags = ['deliveries'];

/** /api/v1/admin/cash-reconciliations: the accountant's daily count of the agents' cash. */
export function cashReconciliationRoutes(reconciliations: CashReconciliationService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/cash-reconciliations',
      { config: { permission: 'finance:read' }, schema: { tags, summary: "Each agent's expected, collected and counted cash for a store day", querystring: s.dayQuery, response: { 200: pageSchema(s.cashDaySchema) } } },
      async (request) => {
        const { limit, cursor, date, agentId } = request.query;
        return reconciliations.day(ctxOf(request), date, { agentId }, { limit, cursor });
      },
    );
    r.post(
      '/cash-reconciliations',
      {
        config: { permission: 'finance:reconcile', idempotent: true },
        schema: { tags, summary: "Close an agent's day with the cash counted at handover (409 when it is already closed)", body: s.closeDayBody, response: { 201: s.cashDaySchema } },
      },
      async (request, reply) => reply.code(201).send(await reconciliations.close(ctxOf(request), request.body)),
    );
  };
}
