import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { createPool, type PoolSettings } from './pool.ts';
import { createTenantReader, type TenantReader } from './tenant-reader.ts';

/**
 * Without Drizzle's relational query API (`db.query.*`): it is unused here, and with a schema every
 * transaction would build a query builder per table when it opens.
 */
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  pool: pg.Pool;
  db: Db;
  /** One-round-trip reads for one store, on a separate small pool (storefront hot paths). */
  reader: TenantReader;
  close(): Promise<void>;
}

/** Connections of the store-read pool when the settings do not say. */
const DEFAULT_READ_POOL_MAX = 4;

export function createDatabase(settings: PoolSettings, log: Logger): Database {
  const pool = createPool({ ...settings, pipeline: true }, log);
  const db = drizzle(pool);
  const readPool = createPool({ ...settings, pipeline: false, max: settings.readPoolMax ?? DEFAULT_READ_POOL_MAX, applicationName: `${settings.applicationName ?? 'winkel'}-reads` }, log);
  let closing: Promise<void> | undefined;
  return {
    pool,
    db,
    reader: createTenantReader(readPool),
    close: () => (closing ??= Promise.all([pool.end(), readPool.end()]).then(() => undefined)),
  };
}
