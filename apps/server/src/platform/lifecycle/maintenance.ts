import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Logger } from '../logging/logger.ts';
import { sendProblem } from '../http/problem.ts';
import { readMaintenance, writeMaintenance } from './maintenance.repository.ts';
import type { ServerState } from './server-state.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Switches maintenance mode for every instance that shares this database. */
export async function setMaintenance(db: Db, enabled: boolean, message: string | null = null): Promise<void> {
  await inTransaction(db, { tenantId: null }, async (tx) => {
    await writeMaintenance(tx, { enabled, since: enabled ? new Date().toISOString() : null, message });
  });
}

export { readMaintenance };

/**
 * Keeps this instance's view of maintenance mode current by polling the
 * database, so `winkel maintenance on` reaches every instance within one poll.
 * MAINTENANCE_MODE=true in the environment forces it on regardless.
 */
export function watchMaintenance(db: Db, state: ServerState, forced: boolean, pollMs: number, log: Logger): { refresh(): Promise<void>; stop(): void } {
  const refresh = async () => {
    if (forced) {
      state.maintenance = { enabled: true, source: 'config', since: state.maintenance.since ?? new Date().toISOString(), message: null };
      return;
    }
    try {
      const stored = await readMaintenance(db);
      if (stored.enabled !== state.maintenance.enabled) log.warn({ maintenance: stored.enabled }, stored.enabled ? 'maintenance mode on' : 'maintenance mode off');
      state.maintenance = { enabled: stored.enabled, source: stored.enabled ? 'database' : null, since: stored.since, message: stored.message };
    } catch (err) {
      // Keep the last known state while the database is away; readiness reports the outage.
      log.debug({ err }, 'could not read maintenance mode');
    }
  };
  const timer = setInterval(() => void refresh(), pollMs);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}

/** In maintenance, reads are served and writes answer 503 with Retry-After. */
export function registerMaintenanceGuard(app: FastifyInstance, state: ServerState, retryAfterSeconds: number): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!state.maintenance.enabled || READ_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    reply.header('retry-after', String(retryAfterSeconds));
    return sendProblem(
      request,
      reply,
      503,
      'MAINTENANCE',
      state.maintenance.message ?? 'The shop is in maintenance: browsing works, changes are paused. Try again shortly.',
    );
  });
}
