import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemDiscount, type RedeemOutcome } from '../../src/modules/checkout-settings/index.ts';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { created } from './fixtures.ts';

const RACERS = 20;
let t: TestApp;
/** A pool as large as the race, so every redemption runs in its own transaction at the same time. */
let wide: Database;
let storeId: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  wide = createDatabase({ url: t.config.database.url!, max: RACERS, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1_000 }, t.log);
  storeId = await createStore(t.database, 'race-shop');
});
afterAll(async () => {
  await wide.close();
  await t.close();
});

/** Each racer redeems in its own transaction, which stays open a moment after redeeming so they overlap. */
function race(discountId: string, who: (i: number) => { customerId?: string; email?: string }): Promise<RedeemOutcome[]> {
  return Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      inTransaction(wide.db, { tenantId: storeId }, async (tx) => {
        const outcome = await redeemDiscount(tx, storeId, { discountId, orderReference: `order-${i}`, ...who(i) });
        await tx.execute(sql`select pg_sleep(0.01)`);
        return outcome;
      }),
    ),
  );
}

async function figures(discountId: string) {
  const r = await inTransaction(t.database.db, { tenantId: storeId }, (tx) =>
    tx.execute<{ times_used: number; redemptions: number; usages: number }>(sql`
      select d.times_used,
             (select count(*)::int from discount_redemptions r where r.discount_id = d.id) as redemptions,
             (select coalesce(sum(times_used), 0)::int from discount_customer_usages u where u.discount_id = d.id) as usages
      from discounts d where d.id = ${discountId}`),
  );
  return r.rows[0]!;
}

describe('discount limits under concurrent checkouts', () => {
  it('of 20 concurrent redemptions of a discount with one use left, exactly one succeeds', async () => {
    const d = await created(t, storeId, '/discounts', { name: 'Last one', code: 'LAST', kind: 'free_shipping', usageLimit: 3 });
    for (const i of [1, 2]) await inTransaction(t.database.db, { tenantId: storeId }, (tx) => redeemDiscount(tx, storeId, { discountId: d.id, orderReference: `early-${i}`, email: `early${i}@x.test` }));
    const outcomes = await race(d.id, (i) => ({ email: `racer${i}@x.test` }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(Array(RACERS - 1).fill('used_up'));
    expect(await figures(d.id)).toEqual({ times_used: 3, redemptions: 3, usages: 3 });
  });

  it('of 20 concurrent redemptions by one customer with a per-customer limit of 1, exactly one succeeds', async () => {
    const d = await created(t, storeId, '/discounts', { name: 'Once each', code: 'ONCE', kind: 'free_shipping', perCustomerLimit: 1 });
    const outcomes = await race(d.id, () => ({ email: ' Kim@Example.TEST ' }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(Array(RACERS - 1).fill('customer_limit_reached'));
    // The refusals left nothing behind: the total counts the one use only.
    expect(await figures(d.id)).toEqual({ times_used: 1, redemptions: 1, usages: 1 });
    // Another customer still may.
    const other = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => redeemDiscount(tx, storeId, { discountId: d.id, orderReference: 'other', email: 'sam@example.test' }));
    expect(other.ok).toBe(true);
  });

  it('refuses an inactive discount as unavailable', async () => {
    const d = await created(t, storeId, '/discounts', { name: 'Off', code: 'OFF', kind: 'free_shipping', active: false });
    const outcome = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => redeemDiscount(tx, storeId, { discountId: d.id, orderReference: 'x', email: 'a@b.test' }));
    expect(outcome).toEqual({ ok: false, reason: 'unavailable' });
  });
});
