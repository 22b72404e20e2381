import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

/** Which store a unit of work acts for; null for platform-level work. */
export interface TenantScope {
  tenantId: string | null;
}

/**
 * The one way writes reach the database: a transaction that carries the
 * tenant for row-level security (`app.tenant_id`, local to the transaction,
 * so a pooled connection never leaks it to the next user).
 */
export function inTransaction<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (scope.tenantId !== null) {
      await tx.execute(sql`select set_config('app.tenant_id', ${scope.tenantId}, true)`);
    }
    return work(tx);
  });
}
