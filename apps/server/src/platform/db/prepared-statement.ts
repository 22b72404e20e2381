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
export function executePrepared<R extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return executeFixed<R>(tx, statementNameOf(text), text, params);
}

/**
 * Runs a statement whose text never changes, prepared once per connection under `name`, without
 * building it: for statements every transaction runs. `text` uses $1, $2 … for `params`.
 */
export async function executeFixed<R extends Record<string, unknown>>(tx: Tx, name: string, text: string, params: unknown[]): Promise<R[]> {
  const prepared = tx._.session.prepareQuery<{ execute: { rows: R[] }; all: unknown; values: unknown }>({ sql: text, params }, undefined, name, false);
  const result = await prepared.execute();
  return result.rows;
}

/** A query builder (select, insert, update, delete) that can run as a named prepared statement. */
interface PreparableQuery<R> {
  toSQL(): { sql: string };
  prepare(name: string): PreparedQuery<R>;
}

/** What Drizzle's node-postgres prepared query holds: the configs it hands to pg, named at construction. */
interface PreparedQuery<R> {
  execute(): Promise<R>;
  rawQueryConfig?: { name?: string; text?: string };
  queryConfig?: { name?: string };
}

/**
 * `executePrepared` for a Drizzle query builder: same result as awaiting the builder. The name
 * comes from the statement's text, which Drizzle only knows once it has built it; building is
 * most of what a query costs in Node, so the query is built once, under a provisional name that is
 * then replaced in the configs the prepared query hands to pg. Should a Drizzle release hold them
 * differently, the query is built twice instead.
 */
export function executePreparedQuery<R>(query: PreparableQuery<R>): Promise<R> {
  const prepared = query.prepare('');
  const { rawQueryConfig, queryConfig } = prepared;
  if (typeof rawQueryConfig?.text !== 'string' || !queryConfig) return query.prepare(statementNameOf(query.toSQL().sql)).execute();
  rawQueryConfig.name = queryConfig.name = statementNameOf(rawQueryConfig.text);
  return prepared.execute();
}
