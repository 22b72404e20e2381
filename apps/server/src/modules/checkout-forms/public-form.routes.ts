import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { IdempotencyCaller } from '../../platform/http/route-config.ts';
import * as s from './checkout-forms.schemas.ts';
import { answerPreflight, requireAllowedOrigin } from './form-cors.ts';
import type { FormOrderService } from './form-order.service.ts';
import type { PublicForm, PublicFormService } from './public-form.service.ts';

function formOf(request: FastifyRequest): PublicForm {
  if (!request.checkoutForm) throw new Error('public form route without its origin check');
  return request.checkoutForm;
}

/** A shopper on an embedding page: a guest of the form's store. */
const shopperCtxOf = (request: FastifyRequest): Ctx => ({
  tenantId: formOf(request).tenantId,
  actor: { kind: 'guest' },
  permissions: new Set(),
  requestId: request.id,
  log: request.log as Ctx['log'],
});

/** Idempotency-Keys of a form post are kept per form and client IP: shoppers share neither. */
const byFormAndIp = {
  scope: (request: FastifyRequest): IdempotencyCaller | null => {
    const form = request.checkoutForm;
    return form ? { tenantId: form.tenantId, client: `form:${form.id}:ip:${request.ip}` } : null;
  },
};

/** /api/v1/public/stores/:storeId/forms/:slug…: published checkout forms, for pages on their allowed origins. */
export function publicFormRoutes(forms: PublicFormService, orders: FormOrderService): FastifyPluginAsync {
  return async (app) => {
    app.decorateRequest('checkoutForm', null);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['public checkout forms'];
    const formPath = '/stores/:storeId/forms/:slug';
    const ordersPath = `${formPath}/orders`;
    const originCheck = requireAllowedOrigin(forms);

    r.get(
      formPath,
      {
        config: { rateLimitTier: 'public', cors: false },
        onRequest: originCheck,
        schema: { tags, summary: 'The form as a page shows it, with a fresh form token', params: s.publicFormParams, response: { 200: s.formDefinitionSchema } },
      },
      async (request, reply) => {
        // Every load gets its own token, which says when the page was served.
        reply.header('cache-control', 'no-store');
        return forms.definition(shopperCtxOf(request), formOf(request));
      },
    );
    r.post(
      ordersPath,
      {
        config: { rateLimitTier: 'form', cors: false, idempotent: byFormAndIp },
        onRequest: originCheck,
        schema: { tags, summary: 'Order through the form: pending, cash on delivery, stock reserved', params: s.publicFormParams, body: s.formOrderBody, response: { 201: s.placedFormOrderSchema } },
      },
      async (request, reply) => reply.code(201).send(await orders.placeOrder(shopperCtxOf(request), formOf(request), request.body)),
    );
    for (const [path, method] of [[formPath, 'GET'], [ordersPath, 'POST']] as const) {
      app.options(path, { config: { cors: false }, schema: { hide: true } }, answerPreflight(forms, method));
    }
  };
}
