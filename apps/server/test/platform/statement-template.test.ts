import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { statementNameOf } from '../../src/platform/db/statement-names.ts';
import { slot, statementTemplate } from '../../src/platform/db/statement-template.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { useSingleConnectionDatabase } from '../single-connection-database.ts';

const connection = useSingleConnectionDatabase();

const inPlatform = <T>(work: Parameters<typeof inTransaction<T>>[2]) => inTransaction(connection.database.db, { tenantId: null, platform: true }, work);

describe('statementTemplate', () => {
  it('builds the text once and runs it prepared with each run’s values, a slot used twice filled twice', async () => {
    let builds = 0;
    const sum = statementTemplate<{ total: number; label: string }>(() => {
      builds += 1;
      const a = slot('a');
      return sql`select (${a}::int + ${a}::int + ${slot('b')}::int) as total, ${slot('label')}::text as label`;
    });
    const first = await inPlatform((tx) => sum.run(tx, { a: 1, b: 2, label: 'first' }));
    const { second, prepared } = await inPlatform(async (tx) => ({
      second: await sum.run(tx, { a: 10, b: 5, label: 'second' }),
      prepared: (await tx.execute<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements`)).rows,
    }));
    expect(first).toEqual([{ total: 4, label: 'first' }]);
    expect(second).toEqual([{ total: 25, label: 'second' }]);
    expect(builds).toBe(1);
    const text = 'select ($1::int + $2::int + $3::int) as total, $4::text as label';
    expect(prepared).toContainEqual({ name: statementNameOf(text), statement: text });
  });

  it('refuses a run that leaves a slot without a value, before anything is sent', async () => {
    const one = statementTemplate<{ v: number }>(() => sql`select ${slot('v')}::int as v`);
    await expect(inPlatform((tx) => one.run(tx, {}))).rejects.toThrow(/placeholder.*v/i);
  });
});
