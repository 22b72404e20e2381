import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryTasks, RELEASE_EXPIRED_TASK, STOCK_LOW_EVENT } from '../../src/modules/inventory/index.ts';
import { MAIL_SEND_TASK } from '../../src/modules/mail/index.ts';
import { createStore } from '../security/fixtures.ts';
import { jobsHarness, waitFor, type JobsHarness } from '../jobs/harness.ts';
import { addStaffRow, createVariant, figures, inventoryServices, jobsOf, staffCtx } from './fixtures.ts';

let h: JobsHarness;
let storeId: string;
let s: ReturnType<typeof inventoryServices>;

beforeAll(async () => {
  h = await jobsHarness();
  storeId = await createStore(h.database, 'low-store');
  s = inventoryServices(h.database);
});
afterAll(() => h.close());

describe('low stock', () => {
  it('crossing the threshold downward enqueues one stock.low event and one stock_low mail to owners and inventory managers, however many changes race', async () => {
    await addStaffRow(h.database, storeId, 'owner@low.test', 'owner');
    await addStaffRow(h.database, storeId, 'stock@low.test', 'inventory_manager');
    await addStaffRow(h.database, storeId, 'cashier@low.test', 'cashier');
    await addStaffRow(h.database, storeId, 'gone@low.test', 'owner', 'disabled');
    const ctx = staffCtx(h.log, storeId);
    const { variantId, productId } = await createVariant(h.database, storeId, 'LOW-1');
    await s.stock.receive(ctx, { variantId, quantity: 10 });
    await s.stock.setThreshold(ctx, { variantId, threshold: 5 });
    expect((await s.reservations.reserve(ctx, { variantId, quantity: 4, reference: 'a' })).ok).toBe(true);
    expect(await jobsOf(h.database, STOCK_LOW_EVENT)).toEqual([]);
    // available 6 → 0 through six concurrent single reservations: only the one reaching 5 crosses.
    await Promise.all(Array.from({ length: 6 }, (_, i) => s.reservations.reserve(ctx, { variantId, quantity: 1, reference: `b${i}` })));
    await s.stock.adjust(ctx, { variantId, quantity: 3, reason: 'found' });
    const events = await jobsOf(h.database, STOCK_LOW_EVENT);
    expect(events).toEqual([expect.objectContaining({ tenantId: storeId, variantId, sku: 'LOW-1', available: 5, threshold: 5 })]);
    const mails = (await jobsOf(h.database, MAIL_SEND_TASK)).filter((m) => m.type === 'stock_low');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['owner@low.test', 'stock@low.test'], tenantId: storeId, variables: { productId, sku: 'LOW-1', quantity: 5, threshold: 5, productName: 'Product LOW-1' } });
  });

  it('a change that rolls back leaves no event behind', async () => {
    const ctx = staffCtx(h.log, storeId);
    const { variantId } = await createVariant(h.database, storeId, 'LOW-2');
    await s.stock.receive(ctx, { variantId, quantity: 2 });
    await s.stock.setThreshold(ctx, { variantId, threshold: 1 });
    const before = (await jobsOf(h.database, STOCK_LOW_EVENT)).length;
    await expect(s.stock.adjust(ctx, { variantId, quantity: -3, reason: 'lost' })).rejects.toMatchObject({ code: 'INVENTORY_INSUFFICIENT' });
    expect(await jobsOf(h.database, STOCK_LOW_EVENT)).toHaveLength(before);
  });
});

describe('reservation expiry', () => {
  it('the inventory.release-expired job releases expired reservations (and only those) of every store', async () => {
    const other = await createStore(h.database, 'expiry-other');
    const ctx = staffCtx(h.log, storeId);
    const { variantId } = await createVariant(h.database, storeId, 'EXP-1');
    const { locationId } = await s.stock.receive(ctx, { variantId, quantity: 5 });
    const due = await s.reservations.reserve(ctx, { variantId, quantity: 2, reference: 'stale-cart', expiresInSeconds: 0 });
    const live = await s.reservations.reserve(ctx, { variantId, quantity: 1, reference: 'live-cart', expiresInSeconds: 3600 });
    const theirs = await createVariant(h.database, other, 'EXP-2');
    await s.stock.receive(staffCtx(h.log, other), { variantId: theirs.variantId, quantity: 1 });
    const otherDue = await s.reservations.reserve(staffCtx(h.log, other), { variantId: theirs.variantId, quantity: 1, reference: 'x', expiresInSeconds: 0 });
    if (!due.ok || !live.ok || !otherDue.ok) throw new Error('reservations should succeed');

    const tasks = inventoryTasks(s.deps);
    expect(tasks.find((t) => t.name === RELEASE_EXPIRED_TASK)?.schedule).toBe('* * * * *');
    await h.startRunner(tasks);
    await h.database.db.execute(sql`select graphile_worker.add_job(${RELEASE_EXPIRED_TASK}, '{}'::json)`);
    await waitFor(async () => (await s.reservations.find(ctx, due.reservation.id)).status === 'expired', 10_000, 'expiry');
    expect((await s.reservations.find(ctx, live.reservation.id)).status).toBe('active');
    expect(await figures(h.database, variantId, locationId)).toEqual({ onHand: 5, reserved: 1, ledgerSum: 5 });
    await waitFor(async () => (await s.reservations.find(staffCtx(h.log, other), otherDue.reservation.id)).status === 'expired', 10_000, 'other store');
    await expect(s.reservations.commit(ctx, due.reservation.id)).rejects.toMatchObject({ code: 'INVENTORY_RESERVATION_NOT_FOUND' });
  });
});
