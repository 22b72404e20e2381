import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Registry } from '../../platform/metrics/registry.ts';
import { MAIL_TYPES } from './mail-catalog.ts';
import { MAIL_OUTCOMES, type Mailer } from './mailer.ts';

/**
 * mail_sent_total{type,outcome}: send attempts made in this process. A
 * separate `winkel worker` has no /metrics, so its sends are not counted here;
 * jobs_failed covers mail that failed for good wherever it ran.
 */
export function registerMailMetrics(app: FastifyInstance, registry: Registry, mailer: Mailer): void {
  const counter = new client.Counter({
    name: 'mail_sent_total',
    help: 'Mail send attempts by message type and outcome (sent, temporary_failure: retried later, permanent_failure: given up)',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  for (const type of MAIL_TYPES) for (const outcome of MAIL_OUTCOMES) counter.inc({ type, outcome }, 0);
  const unsubscribe = mailer.onAttempt((type, outcome) => counter.inc({ type, outcome }));
  app.addHook('onClose', async () => unsubscribe());
}
