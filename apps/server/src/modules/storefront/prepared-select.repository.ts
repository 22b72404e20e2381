import { sql, type SQL } from 'drizzle-orm';
import { preparedRead } from '../../platform/db/prepared-read.ts';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';

type Row<T extends Record<string, SQL>> = { [K in keyof T]: T[K] extends SQL<infer U> ? U : never };

/** Runs `select <columns> from <from>` for one store as a prepared, plan-reusing read (see preparedRead). */
export function selectPrepared<T extends Record<string, SQL>>(reader: TenantReader, tenantId: string, columns: T, from: SQL): Promise<Array<Row<T>>> {
  const list = sql.join(
    Object.entries(columns).map(([alias, column]) => sql`${column} as ${sql.identifier(alias)}`),
    sql`, `,
  );
  return preparedRead<Row<T>>(reader, tenantId, sql`select ${list} from ${from}`);
}
