import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from './database.ts';
import { statementNameOf } from './statement-names.ts';

const dialect = new PgDialect();

/**
 * Runs a statement in the caller's transaction as a statement prepared under a name derived from
 * its text, so each connection parses it once and PostgreSQL can reuse its plan. For hot statements
 * whose planning costs as much as running them (several subqueries under row-level security).
 * The statement's shape must not depend on its values.
 */
export async function executePrepared<R extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const prepared = tx._.session.prepareQuery<{ execute: { rows: R[] }; all: unknown; values: unknown }>({ sql: text, params }, undefined, statementNameOf(text), false);
  const result = await prepared.execute();
  return result.rows;
}

/** A query builder (select, insert, update, delete) that can run as a named prepared statement. */
interface PreparableQuery<R> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<R> };
}

/** `executePrepared` for a Drizzle query builder: same result as awaiting the builder. */
export function executePreparedQuery<R>(query: PreparableQuery<R>): Promise<R> {
  return query.prepare(statementNameOf(query.toSQL().sql)).execute();
}
