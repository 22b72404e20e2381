import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { executePreparedQuery } from '../../src/platform/db/prepared-statement.ts';
import { statementNameOf } from '../../src/platform/db/statement-names.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { stores } from '../../src/modules/tenancy/tenancy.tables.ts';
import { useSingleConnectionDatabase } from '../single-connection-database.ts';

const connection = useSingleConnectionDatabase();

describe('executePreparedQuery', () => {
  it('runs a query builder as a statement prepared under the name of its text, with the builder’s own result', async () => {
    const query = (tx: Parameters<Parameters<typeof inTransaction>[2]>[0]) => tx.select({ id: stores.id }).from(stores).where(eq(stores.handle, 'no-such-store'));
    const { rows, prepared, text } = await inTransaction(connection.database.db, { tenantId: null, platform: true }, async (tx) => {
      const text = query(tx).toSQL().sql;
      const rows = await executePreparedQuery(query(tx));
      const listed = await tx.execute<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements`);
      return { rows, prepared: listed.rows, text };
    });
    expect(rows).toEqual([]);
    expect(prepared).toContainEqual({ name: statementNameOf(text), statement: text });
  });
});
