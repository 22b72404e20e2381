import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { createPool, type PoolSettings } from './pool.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function createDatabase(settings: PoolSettings, log: Logger): Database {
  const pool = createPool(settings, log);
  const db = drizzle(pool, { schema });
  let closing: Promise<void> | undefined;
  return {
    pool,
    db,
    close: () => (closing ??= pool.end()),
  };
}
