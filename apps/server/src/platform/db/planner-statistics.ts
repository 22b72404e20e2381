import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/**
 * Brings PostgreSQL's statistics on these tables up to date after a bulk write, instead of
 * waiting for autovacuum, which can take minutes to come round. Until then the planner still
 * believes the tables hold what they held before, and the prepared statements of the storefront
 * keep the plans it made from that (a listing page over a freshly seeded catalog scanned every
 * stock row of the store: eight times slower). ANALYZE also drops those cached plans.
 *
 * Runs outside any transaction as the connection's own user, who owns the tables when it is the
 * user that migrates them; for a table it may not analyze, PostgreSQL only warns.
 */
export async function refreshPlannerStatistics(db: Db, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await db.execute(sql`analyze ${sql.join(tables.map((t) => sql.identifier(t)), sql`, `)}`);
}
