import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runInventoryCommand } from '../../src/modules/inventory/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { checkout, countRows, ledgerDifferences, orderShop, readyCart, stockOf, useOrderShop } from './fixtures.ts';

const CARTS = 200;
const STOCK = 50;

const o = useOrderShop('orders-race', STOCK);

describe('checkout under contention', () => {
  it('orders the cart as it is after a change that held the cart while checkout waited for it', async () => {
    const { shop, post, mug } = await orderShop(o.t, 'orders-waiting', 5);
    const cart = await readyCart(o.t, shop, mug.variantId, 1, post);
    let commitChange!: () => void;
    const changeMayCommit = new Promise<void>((resolve) => (commitChange = resolve));
    let changeLocked!: () => void;
    const changeHoldsCart = new Promise<void>((resolve) => (changeLocked = resolve));
    // What a cart change does: lock the cart, change a line, touch the cart.
    const change = inTransaction(o.t.database.db, { tenantId: shop.storeId }, async (tx) => {
      await tx.execute(sql`select id from carts where id = ${cart.id} for update`);
      await tx.execute(sql`update cart_lines set quantity = 3 where cart_id = ${cart.id}`);
      await tx.execute(sql`update carts set updated_at = now() where id = ${cart.id}`);
      changeLocked();
      await changeMayCommit;
    });
    await changeHoldsCart;
    const placing = checkout(o.t, shop, cart);
    await expect.poll(() => o.t.database.db.execute<{ waiting: number }>(sql`select count(*)::int as waiting from pg_locks where locktype = 'transactionid' and not granted`).then((r) => r.rows[0]!.waiting)).toBe(1);
    commitChange();
    await change;
    const placed = await placing;
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().lines.map((l: { quantity: number }) => l.quantity)).toEqual([3]);
    expect(placed.json().subtotal.amount).toBe(3 * 1210);
  });

  it(`sells exactly ${STOCK} when ${CARTS} separate carts check out one variant at once`, async () => {
    const carts: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < CARTS; i += 20) carts.push(...(await Promise.all(Array.from({ length: 20 }, () => readyCart(o.t, o.shop, o.mug.variantId, 1, o.post)))));

    const started = performance.now();
    const answers = await Promise.all(carts.map((cart) => checkout(o.t, o.shop, cart)));
    const seconds = (performance.now() - started) / 1000;

    const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.statusCode]: (acc[a.statusCode] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: STOCK, 409: CARTS - STOCK });
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'CHECKOUT_STOCK_CONFLICT')).toBe(true);
    expect(await countRows(o.t, 'orders', o.shop.storeId)).toBe(STOCK);
    const numbers = answers.filter((a) => a.statusCode === 201).map((a) => a.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: STOCK }, (_, i) => i + 1));
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual({ onHand: STOCK, reserved: STOCK, available: 0 });
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
    expect((await runInventoryCommand(o.t.database.db, o.t.log, { action: 'check', store: o.shop.storeId })).ok).toBe(true);
    o.t.log.info({ carts: CARTS, seconds }, 'concurrent checkouts finished');
    console.info(`${CARTS} concurrent checkouts (stock ${STOCK}) took ${seconds.toFixed(2)} s`);
  });
});
