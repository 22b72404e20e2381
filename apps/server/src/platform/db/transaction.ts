import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';
import { executeFixed } from './prepared-statement.ts';

/** The database role every application transaction runs as; row-level security always applies to it. */
export const APP_ROLE = 'winkel_app';

/**
 * Whom a unit of work acts for: one store (`tenantId`), or the platform
 * itself (`platform: true`: resolving a store by host or key, creating a
 * store). With neither, tenant-owned tables show no rows.
 */
export interface TenantScope {
  tenantId: string | null;
  platform?: boolean;
  /**
   * Plan the transaction's prepared statements once per connection and reuse the plan. PostgreSQL
   * otherwise keeps re-planning statements whose parameters feed row-level security, and for the
   * storefront's JSON-building reads planning costs more than running them.
   */
  reusePlans?: boolean;
}

/** Sets the role and the store for one transaction; prepared once per connection. */
const TRANSACTION_SCOPE = `select set_config('role', $1, true), set_config('app.tenant_id', $2, true),
  set_config('app.platform', $3, true), set_config('plan_cache_mode', $4, true)`;

/**
 * The one way application SQL reaches the database: a transaction that runs
 * as the application role with the store set for row-level security. Both
 * settings are local to the transaction, so a pooled connection never carries
 * them to its next user.
 */
export function inTransaction<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await executeFixed(tx, 'winkel_transaction_scope', TRANSACTION_SCOPE, [APP_ROLE, scope.tenantId ?? '', scope.platform ? 'on' : '', scope.reusePlans ? 'force_generic_plan' : 'auto']);
    return work(tx);
  });
}

/**
 * Runs `work` as the connection's own role inside the caller's transaction,
 * then returns to the application role. Only for infrastructure the
 * application role is not granted (the job queue's functions).
 */
export async function asInfrastructure<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const before = await tx.execute<{ role: string }>(sql`select current_setting('role') as role`);
  const role = before.rows[0]?.role ?? 'none';
  await tx.execute(sql`select set_config('role', 'none', true)`);
  // On failure the transaction is aborted and rolls back; there is no role left to restore.
  const result = await work();
  await tx.execute(sql`select set_config('role', ${role}, true)`);
  return result;
}
