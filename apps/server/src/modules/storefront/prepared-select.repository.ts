import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';

/**
 * Runs `select <columns> from <from>` as a prepared statement named after its
 * text; in a transaction with `reusePlans`, PostgreSQL then plans each query
 * shape once per connection instead of on every request: planning these
 * JSON-building statements costs more than running them. The shapes are few
 * (one per combination of filters in use).
 */
export async function selectPrepared<T extends Record<string, SQL>>(tx: Tx, columns: T, from: SQL) {
  const query = tx.select(columns).from(from);
  const name = `storefront_${createHash('sha1').update(query.toSQL().sql).digest('base64url').slice(0, 27)}`;
  return query.prepare(name).execute();
}
