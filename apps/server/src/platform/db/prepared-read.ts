import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { TenantReader } from './tenant-reader.ts';

const dialect = new PgDialect();
/** Statement names by text. The shapes are few (one per combination of filters in use); the cap only guards memory. */
const names = new Map<string, string>();
const MAX_NAMES = 2_000;

function nameOf(text: string): string {
  let name = names.get(text);
  if (name) return name;
  name = `read_${createHash('sha1').update(text).digest('base64url').slice(0, 27)}`;
  if (names.size >= MAX_NAMES) names.clear();
  names.set(text, name);
  return name;
}

/**
 * Runs one read-only statement for one store as a statement prepared under a
 * name derived from its text: each connection of the store-read pool plans
 * each query shape once and reuses the plan. For the storefront's
 * JSON-building and search statements, planning costs more than running.
 * A query's shape must not depend on its values (lists travel as one array parameter).
 */
export function preparedRead<R>(reader: TenantReader, tenantId: string, query: SQL): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return reader.query<R>(tenantId, { name: nameOf(text), text, values: params });
}
