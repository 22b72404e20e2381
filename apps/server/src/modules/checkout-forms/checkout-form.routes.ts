import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import type { CheckoutFormService } from './checkout-form.service.ts';
import * as s from './checkout-forms.schemas.ts';

const read = { permission: 'checkout:read' } as const;
const manage = { permission: 'checkout:manage' } as const;
const tags = ['checkout forms'];

/** /api/v1/admin/checkout-forms. */
export function checkoutFormRoutes(forms: CheckoutFormService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/checkout-forms', { config: read, schema: { tags, summary: 'Checkout forms, oldest first', querystring: s.formListQuery, response: { 200: pageSchema(s.checkoutFormSchema) } } }, async (request) =>
      forms.list(ctxOf(request), request.query),
    );
    r.get('/checkout-forms/:id', { config: read, schema: { tags, summary: 'A checkout form', params: s.idParams, response: { 200: s.checkoutFormSchema } } }, async (request) =>
      forms.get(ctxOf(request), request.params.id),
    );
    r.post('/checkout-forms', { config: manage, schema: { tags, summary: 'Add a checkout form', body: s.checkoutFormBody, response: { 201: s.checkoutFormSchema } } }, async (request, reply) =>
      reply.code(201).send(await forms.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch(
      '/checkout-forms/:id',
      { config: manage, schema: { tags, summary: 'Change a checkout form', params: s.idParams, body: s.checkoutFormPatch, response: { 200: s.checkoutFormSchema } } },
      async (request) => forms.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.post(
      '/checkout-forms/:id/archive',
      { config: manage, schema: { tags, summary: 'Archive a checkout form: its public paths answer 404', params: s.idParams, body: s.noBody, response: { 200: s.checkoutFormSchema } } },
      async (request) => forms.archive(ctxOf(request), request.params.id, auditOrigin(request)),
    );
  };
}
