import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import type { OrderPaymentService } from './order-payment.service.ts';
import type { ProviderAccountService } from './provider-account.service.ts';
import type { RefundService } from './refund.service.ts';
import * as s from './payments.schemas.ts';

const manage = { permission: 'store:manage' } as const;
const read = { permission: 'payments:read' } as const;
// Recording money received and giving money back are the same trust: the payments:refund permission.
const money = { permission: 'payments:refund', idempotent: true } as const;

/** /api/v1/admin…: the store's provider accounts, and an order's payments and refunds. */
export function paymentAdminRoutes(accounts: ProviderAccountService, payments: OrderPaymentService, refunds: RefundService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['payments'];
    r.get('/payment-providers', { config: manage, schema: { tags, summary: "The store's online payment provider accounts, without their secrets", response: { 200: z.object({ data: z.array(s.providerAccountSchema) }) } } }, async (request) =>
      accounts.list(ctxOf(request)),
    );
    r.put(
      '/payment-providers/:provider',
      { config: manage, schema: { tags, summary: 'Set up or change the account with a provider (keys checked against the provider and mode; secrets sealed, never shown again)', params: s.providerParams, body: s.providerAccountBody, response: { 200: s.providerAccountSchema } } },
      async (request) => accounts.save(ctxOf(request), request.params.provider, request.body, auditOrigin(request)),
    );
    r.delete('/payment-providers/:provider', { config: manage, schema: { tags, summary: 'Remove the account with a provider', params: s.providerParams, response: { 204: z.null() } } }, async (request, reply) => {
      await accounts.remove(ctxOf(request), request.params.provider, auditOrigin(request));
      return reply.code(204).send(null);
    });
    r.get('/orders/:orderId/payments', { config: read, schema: { tags, summary: "The order's payments, oldest first, each with its refunds", params: s.orderParams, querystring: pageQuery, response: { 200: pageSchema(s.paymentSchema) } } }, async (request) =>
      payments.list(ctxOf(request), request.params.orderId, request.query),
    );
    r.post(
      '/orders/:orderId/payments',
      { config: money, schema: { tags, summary: 'Record money received outside Winkel (a bank transfer) with its reference', params: s.orderParams, body: s.manualPaymentBody, response: { 201: s.paymentSchema } } },
      async (request, reply) => reply.code(201).send(await payments.recordManual(ctxOf(request), request.params.orderId, request.body, auditOrigin(request))),
    );
    r.post(
      '/orders/:orderId/refunds',
      { config: money, schema: { tags, summary: 'Give money back from one of the order’s payments (never more than was captured)', params: s.orderParams, body: s.refundBody, response: { 201: s.refundSchema } } },
      async (request, reply) => reply.code(201).send(await refunds.refund(ctxOf(request), request.params.orderId, request.body, auditOrigin(request))),
    );
  };
}
