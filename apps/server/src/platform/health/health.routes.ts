import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerState } from '../lifecycle/server-state.ts';
import { version } from '../version.ts';
import { runCheck, type CheckResult, type HealthCheck } from './checks.ts';

const checkSchema = z.object({
  name: z.string(),
  status: z.enum(['ok', 'fail', 'degraded']),
  latencyMs: z.number(),
  detail: z.string().optional(),
});

const readySchema = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.array(checkSchema),
});

const summarySchema = readySchema.extend({
  version: z.string(),
  uptimeSeconds: z.number(),
  maintenance: z.object({ enabled: z.boolean(), source: z.enum(['config', 'database']).nullable(), since: z.string().nullable() }),
  shuttingDown: z.boolean(),
});

async function evaluate(state: ServerState, checks: HealthCheck[]): Promise<{ status: 'ready' | 'degraded' | 'not_ready'; checks: CheckResult[] }> {
  const results = await Promise.all(checks.map(runCheck));
  if (state.shuttingDown) results.unshift({ name: 'shutdown', status: 'fail', latencyMs: 0, detail: 'the server is shutting down' });
  const status = results.some((r) => r.status === 'fail') ? 'not_ready' : results.some((r) => r.status === 'degraded') ? 'degraded' : 'ready';
  return { status, checks: results };
}

export function registerHealthRoutes(app: FastifyInstance, state: ServerState, checks: HealthCheck[]): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const ops = { rateLimitTier: 'none' as const };

  typed.get(
    '/health/live',
    { config: ops, schema: { tags: ['ops'], summary: 'The process answers', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  typed.get(
    '/health/ready',
    {
      config: ops,
      schema: { tags: ['ops'], summary: 'Ready for traffic: database, migrations, disk (and Redis, reported as degraded)', response: { 200: readySchema, 503: readySchema } },
    },
    async (_request, reply) => {
      const result = await evaluate(state, checks);
      return reply.code(result.status === 'not_ready' ? 503 : 200).send(result);
    },
  );

  typed.get(
    '/health',
    { config: ops, schema: { tags: ['ops'], summary: 'Every check with its latency, the version and uptime', response: { 200: summarySchema, 503: summarySchema } } },
    async (_request, reply) => {
      const result = await evaluate(state, checks);
      const { enabled, source, since } = state.maintenance;
      return reply.code(result.status === 'not_ready' ? 503 : 200).send({
        ...result,
        version,
        uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
        maintenance: { enabled, source, since },
        shuttingDown: state.shuttingDown,
      });
    },
  );
}
