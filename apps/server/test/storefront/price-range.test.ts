import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, variants } from '../../src/modules/catalog/catalog.tables.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { captureLogger } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore } from '../security/fixtures.ts';

let db: TestDatabase;
let database: Database;
let store: string;

beforeAll(async () => {
  db = await createTestDatabase();
  database = createDatabase({ url: db.url, max: 4, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1_000 }, captureLogger().log);
  store = await createStore(database, 'price-range');
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

const inStore = <T>(work: Parameters<typeof inTransaction<T>>[2]) => inTransaction(database.db, { tenantId: store }, work);

async function newProduct(): Promise<string> {
  const id = uuidv7();
  await inStore((tx) => tx.insert(products).values({ id, tenantId: store, name: `P ${id}`, slug: `p-${id}` }));
  return id;
}

const addVariant = (productId: string, sku: string, priceAmount: number) =>
  inStore((tx) => tx.insert(variants).values({ id: uuidv7(), tenantId: store, productId, sku, priceAmount, currency: 'EUR' }).returning({ id: variants.id })).then((r) => r[0]!.id);

async function rangeOf(productId: string): Promise<[number | null, number | null]> {
  const rows = await inStore((tx) => tx.execute<{ min: string | null; max: string | null }>(sql`select min_price_amount as min, max_price_amount as max from products where id = ${productId}`));
  const { min, max } = rows.rows[0]!;
  return [min === null ? null : Number(min), max === null ? null : Number(max)];
}

describe('products.min/max_price_amount', () => {
  it('follows inserts, price changes and deletes of variants', async () => {
    const p = await newProduct();
    expect(await rangeOf(p)).toEqual([null, null]);
    const a = await addVariant(p, `A-${p}`, 1500);
    expect(await rangeOf(p)).toEqual([1500, 1500]);
    const b = await addVariant(p, `B-${p}`, 900);
    expect(await rangeOf(p)).toEqual([900, 1500]);
    await inStore((tx) => tx.update(variants).set({ priceAmount: 2500 }).where(sql`id = ${b}`));
    expect(await rangeOf(p)).toEqual([1500, 2500]);
    await inStore((tx) => tx.delete(variants).where(sql`id = ${b}`));
    expect(await rangeOf(p)).toEqual([1500, 1500]);
    await inStore((tx) => tx.delete(variants).where(sql`id = ${a}`));
    expect(await rangeOf(p)).toEqual([null, null]);
  });

  it('recomputes both products when a variant moves to another product', async () => {
    const from = await newProduct();
    const to = await newProduct();
    await addVariant(from, `F1-${from}`, 100);
    const moving = await addVariant(from, `F2-${from}`, 700);
    await addVariant(to, `T1-${to}`, 300);
    await inStore((tx) => tx.update(variants).set({ productId: to }).where(sql`id = ${moving}`));
    expect(await rangeOf(from)).toEqual([100, 100]);
    expect(await rangeOf(to)).toEqual([300, 700]);
  });

  it('handles one statement touching many products (a bulk import)', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => newProduct()));
    await inStore((tx) =>
      tx.insert(variants).values(ids.flatMap((productId, i) => [100, 200, 300].map((price, j) => ({ id: uuidv7(), tenantId: store, productId, sku: `BULK-${productId}-${j}`, priceAmount: price * (i + 1), currency: 'EUR' })))),
    );
    expect(await Promise.all(ids.map(rangeOf))).toEqual(ids.map((_, i) => [100 * (i + 1), 300 * (i + 1)]));
    await inStore((tx) => tx.execute(sql`update variants set price_amount = price_amount * 2 where product_id = any(${sql.param(ids)}::uuid[])`));
    expect(await Promise.all(ids.map(rangeOf))).toEqual(ids.map((_, i) => [200 * (i + 1), 600 * (i + 1)]));
  });

  it('stays right when variants of one product are added at the same time', async () => {
    const p = await newProduct();
    await Promise.all([5000, 100, 7000, 300, 2500, 900].map((price, i) => addVariant(p, `C${i}-${p}`, price)));
    expect(await rangeOf(p)).toEqual([100, 7000]);
  });

  it('leaves nothing behind when the change rolls back', async () => {
    const p = await newProduct();
    await addVariant(p, `R1-${p}`, 500);
    await expect(
      inStore(async (tx) => {
        await tx.insert(variants).values({ id: uuidv7(), tenantId: store, productId: p, sku: `R2-${p}`, priceAmount: 50, currency: 'EUR' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rangeOf(p)).toEqual([500, 500]);
  });
});
