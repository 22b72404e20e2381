import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { createVariant } from './fixtures.ts';

let t: TestApp;
let store: string;
let variantId: string;
const url = (path: string) => `/api/v1/admin/inventory${path}`;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'inv-http');
  ({ variantId } = await createVariant(t.database, store, 'HTTP-1'));
});
afterAll(() => t.close());

const post = (path: string, payload: Record<string, unknown>, role: Parameters<typeof as>[0] = 'inventory_manager') =>
  t.app.inject({ method: 'POST', url: url(path), headers: as(role, store), payload });

describe('inventory admin API', () => {
  it('receives, adjusts (audited), transfers and lists stock; the ledger shows every change', async () => {
    const received = await post('/receipts', { variantId, quantity: 12, reference: 'PO-7' });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ variantId, onHand: 12, reserved: 0, available: 12 });
    const main = received.json().locationId as string;

    const outlet = await post('/locations', { name: 'Shop floor', kind: 'outlet' });
    expect(outlet.statusCode).toBe(201);
    const taken = await post('/locations', { name: 'Shop floor' });
    expect(taken.statusCode).toBe(409);

    const adjusted = await post('/adjustments', { variantId, quantity: -2, reason: 'dropped' });
    expect(adjusted.json()).toMatchObject({ onHand: 10 });
    const transfer = await post('/transfers', { variantId, fromLocationId: main, toLocationId: outlet.json().id, quantity: 4 });
    expect(transfer.statusCode, transfer.body).toBe(200);
    expect(transfer.json()).toMatchObject({ from: { onHand: 6 }, to: { onHand: 4 } });

    const tooMuch = await post('/adjustments', { variantId, quantity: -7, reason: 'lost' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'INVENTORY_INSUFFICIENT', detail: 'Only 6 available.' });

    const levels = await t.app.inject({ url: url(`/stock-levels?variantId=${variantId}&limit=1`), headers: as('viewer', store) });
    expect(levels.statusCode).toBe(200);
    expect(levels.json().data).toHaveLength(1);
    expect(levels.json().nextCursor).not.toBeNull();
    const atOutlet = await t.app.inject({ url: url(`/stock-levels?locationId=${outlet.json().id}`), headers: as('cashier', store) });
    expect(atOutlet.json().data).toEqual([expect.objectContaining({ onHand: 4, locationId: outlet.json().id })]);

    await t.app.inject({ method: 'PUT', url: url('/thresholds'), headers: as('inventory_manager', store), payload: { variantId, locationId: outlet.json().id, threshold: 5 } });
    const low = await t.app.inject({ url: url('/stock-levels?lowStockOnly=true'), headers: as('viewer', store) });
    expect(low.json().data.map((l: { locationId: string }) => l.locationId)).toEqual([outlet.json().id]);

    const ledger = await t.app.inject({ url: url(`/variants/${variantId}/movements`), headers: as('viewer', store) });
    expect(ledger.json().data.map((m: { kind: string; quantity: number }) => `${m.kind} ${m.quantity}`)).toEqual(['transfer_in 4', 'transfer_out -4', 'adjustment -2', 'receive 12']);

    const audit = await inTransaction(t.database.db, { tenantId: store }, (tx) =>
      tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${store} and action like 'stock.%' order by id`),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['stock.received', 'stock.adjusted', 'stock.transferred', 'stock.threshold_set']);
  });

  it('refuses bad quantities and unknown variants with 422, and roles without inventory:write with 403', async () => {
    expect((await post('/adjustments', { variantId, quantity: 0, reason: 'x' })).statusCode).toBe(422);
    expect((await post('/adjustments', { variantId, quantity: 1.5, reason: 'x' })).statusCode).toBe(422);
    expect((await post('/receipts', { variantId, quantity: -1 })).statusCode).toBe(422);
    const other = await createVariant(t.database, await createStore(t.database, 'inv-http-other'), 'HTTP-2');
    const unknown = await post('/receipts', { variantId: other.variantId, quantity: 1 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('INVENTORY_UNKNOWN_ITEM');
    expect((await post('/receipts', { variantId, quantity: 1 }, 'cashier')).statusCode).toBe(403);
  });
});
