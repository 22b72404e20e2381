import client from 'prom-client';
import type pg from 'pg';

export type Registry = client.Registry;

/** One registry per server instance (not prom-client's global), so tests can run several apps side by side. */
export function createRegistry(): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return registry;
}

export function registerPoolMetrics(registry: client.Registry, pool: pg.Pool): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('db_pool_connections_total', 'Connections open in the database pool', () => pool.totalCount);
  gauge('db_pool_connections_idle', 'Idle connections in the database pool', () => pool.idleCount);
  gauge('db_pool_requests_waiting', 'Queries waiting for a free pooled connection', () => pool.waitingCount);
}
