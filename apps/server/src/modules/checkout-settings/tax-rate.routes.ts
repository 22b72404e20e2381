import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import * as s from './checkout-settings.schemas.ts';
import type { TaxRateService } from './tax-rate.service.ts';

const read = { permission: 'checkout:read' } as const;
const manage = { permission: 'checkout:manage' } as const;

/** /api/v1/admin/tax-rates: the rate of each tax class. */
export function taxRateRoutes(rates: TaxRateService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['checkout settings'];
    r.get('/tax-rates', { config: read, schema: { tags, summary: 'Tax rates, oldest first', querystring: pageQuery, response: { 200: pageSchema(s.taxRateSchema) } } }, async (request) =>
      rates.list(ctxOf(request), request.query),
    );
    r.get('/tax-rates/:id', { config: read, schema: { tags, summary: 'A tax rate', params: s.idParams, response: { 200: s.taxRateSchema } } }, async (request) =>
      rates.get(ctxOf(request), request.params.id),
    );
    r.post('/tax-rates', { config: manage, schema: { tags, summary: 'Give a tax class its rate', body: s.taxRateBody, response: { 201: s.taxRateSchema } } }, async (request, reply) =>
      reply.code(201).send(await rates.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch('/tax-rates/:id', { config: manage, schema: { tags, summary: 'Change a rate or rename its class', params: s.idParams, body: s.taxRatePatch, response: { 200: s.taxRateSchema } } }, async (request) =>
      rates.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete('/tax-rates/:id', { config: manage, schema: { tags, summary: 'Remove a tax rate', params: s.idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await rates.remove(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    });
  };
}
