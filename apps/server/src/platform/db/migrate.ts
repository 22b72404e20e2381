import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { runMigrations as runJobQueueMigrations } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { graphileLogger } from '../jobs/graphile-logger.ts';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Any constant works; it only has to be the same for every Winkel process. */
const MIGRATION_LOCK_KEY = 7_240_118_001;

export interface MigrationResult {
  applied: number;
  total: number;
}

/**
 * Applies Winkel's SQL migrations and the job queue's schema. A session-level
 * advisory lock makes instances that start together take turns: the second
 * waits, then finds nothing left to do.
 */
export async function runMigrations(url: string, log: Logger): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'winkel-migrate' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const before = await appliedCount(client);
    await migrate(drizzle(client), { migrationsFolder });
    const after = await appliedCount(client);
    await runJobQueueMigrations({ connectionString: url, logger: graphileLogger(log) });
    const total = readMigrationFiles({ migrationsFolder }).length;
    if (after > before) log.info({ applied: after - before, total }, 'database migrated');
    return { applied: after - before, total };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function appliedCount(client: pg.Client): Promise<number> {
  const table = await client.query(`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!table.rows[0]?.t) return 0;
  const res = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
  return res.rows[0].n as number;
}

export interface MigrationStatus {
  current: boolean;
  applied: number;
  expected: number;
}

/** Whether the database has every migration this build ships (for readiness). */
let shipped: ReturnType<typeof readMigrationFiles> | undefined;

export async function migrationStatus(pool: pg.Pool): Promise<MigrationStatus> {
  const expected = (shipped ??= readMigrationFiles({ migrationsFolder }));
  const table = await pool.query(`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!table.rows[0]?.t) return { current: expected.length === 0, applied: 0, expected: expected.length };
  const res = await pool.query('select hash from drizzle.__drizzle_migrations');
  const have = new Set(res.rows.map((r: { hash: string }) => r.hash));
  const missing = expected.filter((m) => !have.has(m.hash)).length;
  return { current: missing === 0, applied: have.size, expected: expected.length };
}
