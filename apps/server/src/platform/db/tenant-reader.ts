import type pg from 'pg';
import { APP_ROLE } from './transaction.ts';

/** A statement prepared once per connection under its name. Reads only: the connections refuse writes. */
export interface ReadStatement {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * Single-statement reads for one store at a time, in one round trip: the hot
 * storefront path. Its own small pool whose connections keep the application
 * role, generic plans, read-only transactions and the store for row-level
 * security as session settings. A connection is switched to another store
 * before a read for that store; nothing else ever runs on these connections,
 * so the session-wide store setting cannot leak into unrelated work, and a
 * connection whose state is in doubt after an error is closed, not reused.
 */
export interface TenantReader {
  query<R>(tenantId: string, statement: ReadStatement): Promise<R[]>;
}

const SESSION_SETUP = `select set_config('role', $1, false), set_config('app.platform', '', false),
  set_config('plan_cache_mode', 'force_generic_plan', false), set_config('default_transaction_read_only', 'on', false),
  set_config('app.tenant_id', $2, false)`;
const SWITCH_STORE = `select set_config('app.tenant_id', $1, false)`;

export function createTenantReader(pool: pg.Pool): TenantReader {
  /** The store each connection is set to; absent: not set up yet. */
  const storeOf = new WeakMap<pg.PoolClient, string>();

  return {
    async query<R>(tenantId: string, statement: ReadStatement): Promise<R[]> {
      if (!tenantId) throw new Error('a store read needs a store');
      const client = await pool.connect();
      try {
        const current = storeOf.get(client);
        if (current === undefined) await client.query({ name: 'winkel_reader_setup', text: SESSION_SETUP, values: [APP_ROLE, tenantId] });
        else if (current !== tenantId) await client.query({ name: 'winkel_reader_switch', text: SWITCH_STORE, values: [tenantId] });
        storeOf.set(client, tenantId);
        const result = await client.query<R & pg.QueryResultRow>(statement);
        client.release();
        return result.rows;
      } catch (err) {
        storeOf.delete(client);
        client.release(err instanceof Error ? err : true);
        throw err;
      }
    },
  };
}
