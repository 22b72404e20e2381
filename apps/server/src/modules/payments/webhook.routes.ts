import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import { WebhookRejected } from './payment-provider.ts';
import type { WebhookService } from './webhook.service.ts';
import * as s from './payments.schemas.ts';

/**
 * /webhooks/:provider/:storeId: the providers' notifications. The body is kept exactly as it came
 * (any content type), because the signature is over those bytes.
 */
export function webhookRoutes(webhooks: WebhookService): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.withTypeProvider<ZodTypeProvider>().post(
      '/webhooks/:provider/:storeId',
      {
        config: { rateLimitTier: 'public' },
        schema: {
          tags: ['webhooks'],
          summary: "A payment provider's notification for one store (signature checked; each event applied once)",
          params: s.webhookParams,
          body: s.webhookBody,
          response: { 200: s.webhookAnswer },
        },
      },
      async (request, reply) => {
        const { provider, storeId } = request.params;
        const ctx: Ctx = { tenantId: storeId, actor: { kind: 'system', name: `${provider}-webhook` }, permissions: new Set(), requestId: request.id, log: request.log as Ctx['log'] };
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        try {
          return { received: true as const, outcome: await webhooks.receive(ctx, provider, { rawBody, headers: request.headers }) };
        } catch (err) {
          if (!(err instanceof WebhookRejected)) throw err;
          request.log.info({ provider, storeId, status: err.status, reason: err.reason }, 'payment notification refused');
          const code = err.status === 401 ? 'WEBHOOK_SIGNATURE_INVALID' : 'WEBHOOK_NOT_ACCEPTED';
          return sendProblem(request, reply, err.status, code, `The notification was not accepted: ${err.reason}.`);
        }
      },
    );
  };
}
