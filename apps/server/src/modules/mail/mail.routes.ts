import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Mailer } from './mailer.ts';

const outboxResponse = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      sentAt: z.string(),
      type: z.string(),
      locale: z.string(),
      from: z.string(),
      to: z.array(z.string()),
      subject: z.string(),
      text: z.string(),
      html: z.string(),
    }),
  ),
});

/**
 * GET /api/v1/dev/outbox: what the development transport "sent", newest first.
 * Registered only in development and test, and only when mail is not going
 * out over SMTP; the messages include their links' tokens.
 */
export function registerDevOutboxRoute(app: FastifyInstance, config: Config, mailer: Mailer): void {
  const outbox = mailer.outbox;
  if (!outbox || (config.env !== 'development' && config.env !== 'test')) return;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dev/outbox',
    {
      config: { rateLimitTier: 'general' },
      schema: {
        tags: ['dev'],
        summary: 'Messages the development mail transport kept instead of sending (development and test only)',
        response: { 200: outboxResponse },
      },
    },
    async () => ({ data: outbox.list() }),
  );
}
