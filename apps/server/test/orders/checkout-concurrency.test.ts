import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInventoryCommand } from '../../src/modules/inventory/index.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { checkout, countRows, ledgerDifferences, orderShop, readyCart, stockOf, type Shop } from './fixtures.ts';

const CARTS = 200;
const STOCK = 50;

let t: TestApp;
let shop: Shop;
let post: string;
let mug: { productId: string; variantId: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ shop, post, mug } = await orderShop(t, 'orders-race', STOCK));
});
afterAll(() => t.close());

describe('checkout under contention', () => {
  it(`sells exactly ${STOCK} when ${CARTS} separate carts check out one variant at once`, async () => {
    const carts: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < CARTS; i += 20) carts.push(...(await Promise.all(Array.from({ length: 20 }, () => readyCart(t, shop, mug.variantId, 1, post)))));

    const started = performance.now();
    const answers = await Promise.all(carts.map((cart) => checkout(t, shop, cart)));
    const seconds = (performance.now() - started) / 1000;

    const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.statusCode]: (acc[a.statusCode] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: STOCK, 409: CARTS - STOCK });
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'CHECKOUT_STOCK_CONFLICT')).toBe(true);
    expect(await countRows(t, 'orders', shop.storeId)).toBe(STOCK);
    const numbers = answers.filter((a) => a.statusCode === 201).map((a) => a.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: STOCK }, (_, i) => i + 1));
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual({ onHand: STOCK, reserved: STOCK, available: 0 });
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
    expect((await runInventoryCommand(t.database.db, t.log, { action: 'check', store: shop.storeId })).ok).toBe(true);
    t.log.info({ carts: CARTS, seconds }, 'concurrent checkouts finished');
    console.info(`${CARTS} concurrent checkouts (stock ${STOCK}) took ${seconds.toFixed(2)} s`);
  });
});
