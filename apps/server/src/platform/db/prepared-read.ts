import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { statementNameOf } from './statement-names.ts';
import type { TenantReader } from './tenant-reader.ts';

const dialect = new PgDialect();

/**
 * Runs one read-only statement for one store as a statement prepared under a
 * name derived from its text: each connection of the store-read pool plans
 * each query shape once and reuses the plan. For the storefront's
 * JSON-building and search statements, planning costs more than running.
 * A query's shape must not depend on its values (lists travel as one array parameter).
 */
export function preparedRead<R>(reader: TenantReader, tenantId: string, query: SQL): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return reader.query<R>(tenantId, { name: statementNameOf(text), text, values: params });
}
