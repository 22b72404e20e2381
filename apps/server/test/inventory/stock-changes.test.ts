import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { captureLogger } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore } from '../security/fixtures.ts';
import { createVariant, figures, inventoryServices, staffCtx } from './fixtures.ts';

let db: TestDatabase;
let database: Database;
let storeId: string;
let s: ReturnType<typeof inventoryServices>;
const { log } = captureLogger();
const cause = (err: unknown) => String((err as { cause?: Error }).cause?.message);

beforeAll(async () => {
  db = await createTestDatabase();
  database = createDatabase({ url: db.url, max: 20, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000, slowQueryMs: 10_000 }, log);
  storeId = await createStore(database, 'stock-store');
  s = inventoryServices(database);
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

describe('stock changes', () => {
  it('concurrent adjustments and transfers in both directions never take on_hand below zero, and the ledger keeps up', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'MIX-1');
    const a = await s.stock.receive(ctx, { variantId, quantity: 10 });
    const b = await s.locations.create(ctx, { name: 'Outlet', kind: 'outlet' });
    await s.stock.receive(ctx, { variantId, locationId: b.id, quantity: 5 });
    const work = Array.from({ length: 90 }, (_, i) => {
      if (i % 3 === 0) return s.stock.adjust(ctx, { variantId, locationId: i % 2 ? a.locationId : b.id, quantity: -1, reason: 'damaged' });
      const [from, to] = i % 3 === 1 ? [a.locationId, b.id] : [b.id, a.locationId];
      return s.stock.transfer(ctx, { variantId, fromLocationId: from, toLocationId: to, quantity: 2 });
    });
    const outcomes = await Promise.allSettled(work);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
    expect(failures.every((f) => f.code === 'INVENTORY_INSUFFICIENT'), JSON.stringify(failures.find((f) => f.code !== 'INVENTORY_INSUFFICIENT'))).toBe(true);
    const adjusted = outcomes.filter((o, i) => i % 3 === 0 && o.status === 'fulfilled').length;
    const [fa, fb] = [await figures(database, variantId, a.locationId), await figures(database, variantId, b.id)];
    expect(fa.onHand).toBeGreaterThanOrEqual(0);
    expect(fb.onHand).toBeGreaterThanOrEqual(0);
    expect(fa.onHand).toBe(fa.ledgerSum);
    expect(fb.onHand).toBe(fb.ledgerSum);
    expect(fa.onHand + fb.onHand).toBe(15 - adjusted);
  });

  it('refuses to take away stock that is reserved (INVENTORY_INSUFFICIENT), and a count correction writes the difference', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'CNT-1');
    const { locationId } = await s.stock.receive(ctx, { variantId, quantity: 8 });
    expect((await s.reservations.reserve(ctx, { variantId, quantity: 5, reference: 'cart' })).ok).toBe(true);
    await expect(s.stock.adjust(ctx, { variantId, quantity: -4, reason: 'lost' })).rejects.toMatchObject({ code: 'INVENTORY_INSUFFICIENT', detail: 'Only 3 available.' });
    await expect(s.stock.correctCount(ctx, { variantId, counted: 4 })).rejects.toMatchObject({ code: 'INVENTORY_INSUFFICIENT', fields: [{ path: 'body.counted' }] });
    const counted = await s.stock.correctCount(ctx, { variantId, counted: 6, reason: 'stocktake' });
    expect(counted).toMatchObject({ onHand: 6, reserved: 5, available: 1 });
    const ledger = await s.stock.ledger(ctx, variantId, { limit: 10 });
    expect(ledger.data.map((m) => [m.kind, m.quantity])).toEqual([['count_correction', -2], ['receive', 8]]);
    expect(await figures(database, variantId, locationId)).toEqual({ onHand: 6, reserved: 5, ledgerSum: 6 });
  });

  it('makes one default location per store, even when asked concurrently', async () => {
    const store = await createStore(database, 'default-loc');
    const ctx = staffCtx(log, store);
    const pages = await Promise.all(Array.from({ length: 10 }, () => s.locations.list(ctx, { limit: 20 })));
    expect(new Set(pages.map((p) => p.data.map((l) => l.id).join()))).toHaveProperty('size', 1);
    expect(pages[0]!.data).toEqual([expect.objectContaining({ isDefault: true, kind: 'warehouse' })]);
  });

  it('keeps the stock ledger append-only for the application role', async () => {
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'LEDGER-1');
    await s.stock.receive(ctx, { variantId, quantity: 2 });
    const asApp = (statement: ReturnType<typeof sql>) => inTransaction(database.db, { tenantId: storeId }, (tx) => tx.execute(statement));
    await expect(asApp(sql`update stock_movements set quantity = 100 where variant_id = ${variantId}`)).rejects.toSatisfy((e) => /permission denied/.test(cause(e)));
    await expect(asApp(sql`delete from stock_movements where variant_id = ${variantId}`)).rejects.toSatisfy((e) => /permission denied/.test(cause(e)));
    const seen = await inTransaction(database.db, { tenantId: uuidv7() }, (tx) => tx.execute(sql`select id from stock_movements where variant_id = ${variantId}`));
    expect(seen.rows).toEqual([]);
  });
});
