import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { createVariant } from './fixtures.ts';

let t: TestApp;
let store: string;
const url = (path: string) => `/api/v1/admin/inventory${path}`;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { DB_POOL_MAX: '20' } });
  store = await createStore(t.database, 'reserve-http');
});
afterAll(() => t.close());

const post = (path: string, payload: Record<string, unknown>, role: Parameters<typeof as>[0] = 'inventory_manager') =>
  t.app.inject({ method: 'POST', url: url(path), headers: as(role, store), payload });

async function stocked(sku: string, quantity: number): Promise<string> {
  const { variantId } = await createVariant(t.database, store, sku);
  const received = await post('/receipts', { variantId, quantity });
  expect(received.statusCode, received.body).toBe(200);
  return variantId;
}

async function figures(variantId: string) {
  return inTransaction(t.database.db, { tenantId: store }, async (tx) => {
    const { rows } = await tx.execute<{ on_hand: number; reserved: number; ledger: string }>(sql`
      select l.on_hand, l.reserved, (select coalesce(sum(quantity), 0) from stock_movements m where m.variant_id = l.variant_id and m.location_id = l.location_id) as ledger
      from stock_levels l where l.variant_id = ${variantId}`);
    const row = rows[0]!;
    return { onHand: row.on_hand, reserved: row.reserved, ledgerSum: Number(row.ledger) };
  });
}

describe('reservations over HTTP', () => {
  it('reserve → 201, read, commit sells it (ledger sale), a second commit → 404', async () => {
    const variantId = await stocked('RES-HTTP-1', 5);
    const res = await post('/reservations', { variantId, quantity: 2, reference: 'cart-1', expiresInSeconds: 600 });
    expect(res.statusCode, res.body).toBe(201);
    const reservation = res.json() as { id: string; status: string; expiresAt: string };
    expect(reservation.status).toBe('active');
    expect(Date.parse(reservation.expiresAt) - Date.now()).toBeGreaterThan(590_000);

    const read = await t.app.inject({ method: 'GET', url: url(`/reservations/${reservation.id}`), headers: as('viewer', store) });
    expect(read.json()).toMatchObject({ id: reservation.id, quantity: 2, reference: 'cart-1' });

    const commit = await post(`/reservations/${reservation.id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().status).toBe('committed');
    expect(await figures(variantId)).toEqual({ onHand: 3, reserved: 0, ledgerSum: 3 });
    expect((await post(`/reservations/${reservation.id}/commit`, {})).statusCode).toBe(404);
  });

  it('release gives the stock back; on-hand and the ledger do not move', async () => {
    const variantId = await stocked('RES-HTTP-2', 4);
    const reservation = (await post('/reservations', { variantId, quantity: 4, reference: 'pos-9' })).json() as { id: string };
    expect(await figures(variantId)).toEqual({ onHand: 4, reserved: 4, ledgerSum: 4 });
    const release = await post(`/reservations/${reservation.id}/release`, {});
    expect(release.json().status).toBe('released');
    expect(await figures(variantId)).toEqual({ onHand: 4, reserved: 0, ledgerSum: 4 });
  });

  it('more than is available → 409 naming quantity and how many are left; nothing held', async () => {
    const variantId = await stocked('RES-HTTP-3', 3);
    const res = await post('/reservations', { variantId, quantity: 4, reference: 'cart-2' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'INVENTORY_INSUFFICIENT_STOCK_CONFLICT', errors: [{ path: 'body.quantity' }] });
    expect(res.json().detail).toContain('3');
    expect(await figures(variantId)).toEqual({ onHand: 3, reserved: 0, ledgerSum: 3 });
  });

  it.each([
    ['quantity', { quantity: 0 }],
    ['quantity', { quantity: 1.5 }],
    ['quantity', { quantity: -2 }],
    ['reference', { reference: '' }],
    ['expiresInSeconds', { expiresInSeconds: 5 }],
    ['variantId', { variantId: 'nope' }],
  ])('bad %s → 422 naming it', async (field, change) => {
    const variantId = await stocked(`RES-BAD-${field}-${JSON.stringify(change).length}-${Math.random().toString(36).slice(2, 7)}`, 1);
    const res = await post('/reservations', { variantId, quantity: 1, reference: 'x', ...change });
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.stringify(res.json().errors)).toContain(field);
  });

  it('a viewer cannot reserve (403); an unknown variant → 422 naming it', async () => {
    const variantId = await stocked('RES-HTTP-4', 1);
    expect((await post('/reservations', { variantId, quantity: 1, reference: 'x' }, 'viewer')).statusCode).toBe(403);
    const unknown = await post('/reservations', { variantId: '0190a000-0000-7000-8000-000000000000', quantity: 1, reference: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(JSON.stringify(unknown.json().errors)).toContain('variantId');
  });

  it('100 concurrent HTTP reservations of 1 against stock 30: exactly 30 succeed, the rest 409; available 0; ledger = on-hand', async () => {
    const variantId = await stocked('RES-HTTP-HOT', 30);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post('/reservations', { variantId, quantity: 1, reference: `hot-${i}` })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(30);
    expect(codes.filter((c) => c === 409)).toHaveLength(70);
    expect(await figures(variantId)).toEqual({ onHand: 30, reserved: 30, ledgerSum: 30 });
  });
});
