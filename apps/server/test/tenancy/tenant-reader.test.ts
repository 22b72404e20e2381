import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishableKeys, stores } from '../../src/modules/tenancy/tenancy.tables.ts';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { captureLogger } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let db: TestDatabase;
let database: Database;
const storeA = uuidv7();
const storeB = uuidv7();

const keysOf = (tenantId: string) =>
  database.reader.query<{ token: string; who: string }>(tenantId, { name: 'test_keys', text: 'select token, current_user as who from publishable_keys order by token', values: [] });

beforeAll(async () => {
  db = await createTestDatabase();
  // One connection in the read pool: every read below runs on the same session.
  database = createDatabase({ url: db.url, max: 2, readPoolMax: 1, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1000 }, captureLogger().log);
  await inTransaction(database.db, { tenantId: null, platform: true }, async (tx) => {
    for (const [id, handle] of [[storeA, 'reader-a'], [storeB, 'reader-b']] as const) {
      await tx.insert(stores).values({ id, tenantId: id, handle, name: handle, defaultCurrency: 'EUR', locale: 'en', timezone: 'UTC' });
      await tx.insert(publishableKeys).values({ id: uuidv7(), tenantId: id, name: 'web', token: `pk_${handle}` });
    }
  });
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

describe('store reads on the one-statement pool', () => {
  it('sees only the store it reads for, as the application role, when one connection switches between stores', async () => {
    for (let round = 0; round < 3; round++) {
      expect(await keysOf(storeA)).toEqual([{ token: 'pk_reader-a', who: 'winkel_app' }]);
      expect(await keysOf(storeB)).toEqual([{ token: 'pk_reader-b', who: 'winkel_app' }]);
    }
    const reads = await Promise.all(Array.from({ length: 20 }, (_, i) => keysOf(i % 2 ? storeB : storeA).then((rows) => [i, rows] as const)));
    for (const [i, rows] of reads) expect(rows).toEqual([{ token: i % 2 ? 'pk_reader-b' : 'pk_reader-a', who: 'winkel_app' }]);
  });

  it('refuses writes, closes the connection whose state is in doubt, and serves the next read on a fresh one', async () => {
    await expect(
      database.reader.query(storeA, { name: 'test_write', text: `update publishable_keys set name = 'changed'`, values: [] }),
    ).rejects.toThrow(/read-only transaction/);
    expect(await keysOf(storeB)).toEqual([{ token: 'pk_reader-b', who: 'winkel_app' }]);
    const names = await inTransaction(database.db, { tenantId: null, platform: true }, async (tx) => tx.select({ name: publishableKeys.name }).from(publishableKeys));
    expect(names.map((n) => n.name)).toEqual(['web', 'web']);
  });

  it('will not read without a store', async () => {
    await expect(database.reader.query('', { name: 'test_keys', text: 'select 1', values: [] })).rejects.toThrow(/needs a store/);
  });
});
