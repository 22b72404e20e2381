import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { checkout, orderShop, readyCart } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
});
afterAll(() => t.close());

async function placeOne(shop: Awaited<ReturnType<typeof orderShop>>): Promise<number> {
  const res = await checkout(t, shop.shop, await readyCart(t, shop.shop, shop.mug.variantId, 1, shop.post));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}

/** What an instance of the version before migration 0021 runs to number an order. */
function bumpAsPreviousVersion(storeId: string): Promise<number> {
  return inTransaction(t.database.db, { tenantId: storeId }, async (tx) => {
    const { rows } = await tx.execute<{ last_number: number }>(sql`
      insert into order_counters as c (tenant_id, last_number) values (${storeId}, 1)
      on conflict (tenant_id) do update set last_number = c.last_number + 1
      returning last_number`);
    return rows[0]!.last_number;
  });
}

describe('order numbers', () => {
  it('continue after the counter a store had before order numbers came from a sequence', async () => {
    const shop = await orderShop(t, 'numbers-upgraded', 5);
    // As the previous version left it: written without this version's triggers.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into order_counters (tenant_id, last_number) values (${shop.shop.storeId}, 41)`);
    });
    expect(await placeOne(shop)).toBe(42);
    expect(await placeOne(shop)).toBe(43);
  });

  it('never repeat while an instance of the previous version still numbers orders with the counter row', async () => {
    const shop = await orderShop(t, 'numbers-mixed', 5);
    const numbers = [await placeOne(shop), await bumpAsPreviousVersion(shop.shop.storeId), await placeOne(shop), await bumpAsPreviousVersion(shop.shop.storeId), await placeOne(shop)];
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
  });

  it('start at 1 for a new store even when its first orders race', async () => {
    const shop = await orderShop(t, 'numbers-race', 20);
    const carts = await Promise.all(Array.from({ length: 12 }, () => readyCart(t, shop.shop, shop.mug.variantId, 1, shop.post)));
    const answers = await Promise.all(carts.map((cart) => checkout(t, shop.shop, cart)));
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
    expect(answers.map((a) => a.json().number as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('come from one sequence when the second order of a new store waits while the first creates it', async () => {
    const shop = await orderShop(t, 'numbers-waiting', 0);
    const storeId = shop.shop.storeId;
    const take = (tx: Parameters<Parameters<typeof inTransaction>[2]>[0]) => tx.execute<{ n: number }>(sql`select next_order_number() as n`).then((r) => r.rows[0]!.n);
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstTook!: () => void;
    const firstHasTaken = new Promise<void>((resolve) => (firstTook = resolve));
    const first = inTransaction(t.database.db, { tenantId: storeId }, async (tx) => {
      const n = await take(tx);
      firstTook();
      await firstMayCommit;
      return n;
    });
    await firstHasTaken;
    // The second looks for the sequence before the first commits it, then waits on the first's lock.
    const second = inTransaction(t.database.db, { tenantId: storeId }, take);
    await expect.poll(() => t.database.db.execute<{ waiting: number }>(sql`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`).then((r) => r.rows[0]!.waiting)).toBe(1);
    commitFirst();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });

  it('are handed out only for the store the transaction is set to', async () => {
    const shop = await orderShop(t, 'numbers-guarded', 5);
    await placeOne(shop);
    const sequence = `order_numbers_${shop.shop.storeId.replaceAll('-', '')}`;
    // The application role has no rights on the sequences themselves, only on next_order_number().
    const refusal = (query: ReturnType<typeof sql>) =>
      inTransaction(t.database.db, { tenantId: null }, (tx) => tx.execute(query)).then(
        () => 'allowed',
        (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
      );
    expect(await refusal(sql`select nextval(${sequence}::regclass)`)).toMatch(/permission denied/);
    expect(await refusal(sql`select next_order_number()`)).toMatch(/needs the store set/);
    expect(await placeOne(shop)).toBe(2);
  });
});
