import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { captureLogger } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore } from '../security/fixtures.ts';
import { createVariant, figures, inventoryServices, staffCtx } from './fixtures.ts';

let db: TestDatabase;
let database: Database;
let storeId: string;
let s: ReturnType<typeof inventoryServices>;
const { log } = captureLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  // 20 connections: the 200 reservations below really run in parallel transactions.
  // 200 transactions queue for 20 connections behind one locked row: on a slow machine the last wait longer than a request would.
  database = createDatabase({ url: db.url, max: 20, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000, slowQueryMs: 10_000, connectWaitMs: 30_000 }, log);
  storeId = await createStore(database, 'reserve-store');
  s = inventoryServices(database);
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

describe('stock reservations', () => {
  it('200 concurrent reservations of 1 against stock 50: exactly 50 succeed, available 0, ledger sum = on_hand', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'HOT-1');
    const level = await s.stock.receive(ctx, { variantId, quantity: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => s.reservations.reserve(ctx, { variantId, quantity: 1, reference: `cart-${i}` })));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(50);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 150 }, () => ({ ok: false, reason: 'insufficient', available: 0 })));
    const after = await figures(database, variantId, level.locationId);
    expect(after).toEqual({ onHand: 50, reserved: 50, ledgerSum: 50 });
    expect(after.onHand - after.reserved).toBe(0);
  });

  it('commit turns a reservation into a sale (on_hand and reserved drop, one sale in the ledger); release makes it available again', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'CR-1');
    const { locationId } = await s.stock.receive(ctx, { variantId, quantity: 10 });
    const a = await s.reservations.reserve(ctx, { variantId, quantity: 3, reference: 'order-1' });
    const b = await s.reservations.reserve(ctx, { variantId, quantity: 2, reference: 'order-2' });
    if (!a.ok || !b.ok) throw new Error('reservations should succeed');
    expect(await figures(database, variantId, locationId)).toEqual({ onHand: 10, reserved: 5, ledgerSum: 10 });
    expect((await s.reservations.commit(ctx, a.reservation.id)).status).toBe('committed');
    expect((await s.reservations.release(ctx, b.reservation.id)).status).toBe('released');
    expect(await figures(database, variantId, locationId)).toEqual({ onHand: 7, reserved: 0, ledgerSum: 7 });
    const ledger = await s.stock.ledger(ctx, variantId, { limit: 10 });
    expect(ledger.data.map((m) => [m.kind, m.quantity, m.reference])).toEqual([['sale', -3, 'order-1'], ['receive', 10, null]]);
    // A closed reservation cannot be closed again, whichever way.
    await expect(s.reservations.commit(ctx, a.reservation.id)).rejects.toMatchObject({ code: 'INVENTORY_RESERVATION_NOT_FOUND' });
    await expect(s.reservations.release(ctx, a.reservation.id)).rejects.toMatchObject({ code: 'INVENTORY_RESERVATION_NOT_FOUND' });
  });

  it('commit and release racing for one reservation: exactly one wins', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'RACE-1');
    const { locationId } = await s.stock.receive(ctx, { variantId, quantity: 5 });
    const r = await s.reservations.reserve(ctx, { variantId, quantity: 2, reference: 'pos-1' });
    if (!r.ok) throw new Error('reservation should succeed');
    const outcomes = await Promise.allSettled([...Array.from({ length: 5 }, () => s.reservations.commit(ctx, r.reservation.id)), ...Array.from({ length: 5 }, () => s.reservations.release(ctx, r.reservation.id))]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const after = await figures(database, variantId, locationId);
    expect(after.reserved).toBe(0);
    expect(after.onHand).toBe(after.ledgerSum);
    expect([3, 5]).toContain(after.onHand);
  });

  it("refuses another store's variant or location, and a reservation of another store", async () => {
    const other = await createStore(database, 'reserve-other');
    const { variantId } = await createVariant(database, other, 'THEIRS-1');
    const ctx = staffCtx(log, storeId);
    await expect(s.reservations.reserve(ctx, { variantId, quantity: 1, reference: 'x' })).rejects.toMatchObject({ code: 'INVENTORY_UNKNOWN_ITEM' });
    await expect(s.stock.receive(ctx, { variantId, quantity: 1 })).rejects.toMatchObject({ code: 'INVENTORY_UNKNOWN_ITEM' });
    const theirs = await s.stock.receive(staffCtx(log, other), { variantId, quantity: 3 });
    const mine = await createVariant(database, storeId, 'MINE-1');
    await expect(s.stock.receive(ctx, { variantId: mine.variantId, locationId: theirs.locationId, quantity: 1 })).rejects.toMatchObject({ code: 'INVENTORY_UNKNOWN_ITEM' });
    const held = await s.reservations.reserve(staffCtx(log, other), { variantId, quantity: 1, reference: 'y' });
    if (!held.ok) throw new Error('reservation should succeed');
    await expect(s.reservations.commit(ctx, held.reservation.id)).rejects.toMatchObject({ code: 'INVENTORY_RESERVATION_NOT_FOUND' });
    await expect(s.reservations.commit(ctx, uuidv7())).rejects.toMatchObject({ code: 'INVENTORY_RESERVATION_NOT_FOUND' });
  });
});
