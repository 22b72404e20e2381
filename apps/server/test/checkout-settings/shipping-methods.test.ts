import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { admin, created, eur, paths } from './fixtures.ts';

let t: TestApp;
let storeId: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  storeId = await createStore(t.database, 'ship-shop');
});
afterAll(() => t.close());

describe('shipping methods', () => {
  it('adds one of each kind and reads them back', async () => {
    const flat = await created(t, storeId, '/shipping-methods', { name: 'Post', kind: 'flat_rate', price: eur(495) });
    expect(flat).toMatchObject({ name: 'Post', kind: 'flat_rate', price: eur(495), freeFrom: null, codFee: null, active: true, position: 0 });
    const above = await created(t, storeId, '/shipping-methods', { name: 'Post, free from €50', kind: 'free_above', price: eur(495), freeFrom: eur(5000), position: 1 });
    expect(above).toMatchObject({ freeFrom: eur(5000) });
    const pickup = await created(t, storeId, '/shipping-methods', { name: 'Pick up in the shop', kind: 'local_pickup' });
    expect(pickup).toMatchObject({ price: eur(0) });
    const cod = await created(t, storeId, '/shipping-methods', { name: 'Cash on delivery', kind: 'cash_on_delivery', price: eur(695), codFee: eur(200), active: false });
    expect(cod).toMatchObject({ codFee: eur(200), active: false });
    expect((await admin(t, storeId, 'GET', `/shipping-methods/${cod.id}`)).json()).toMatchObject({ id: cod.id, kind: 'cash_on_delivery' });
    const page = await admin(t, storeId, 'GET', '/shipping-methods?limit=3');
    expect(page.json().data.map((m: { id: string }) => m.id)).toEqual([flat.id, above.id, pickup.id]);
    expect(page.json().nextCursor).toBe(pickup.id);
  });

  it('changes a method, clearing what its new kind does not use', async () => {
    const m = await created(t, storeId, '/shipping-methods', { name: 'Courier', kind: 'free_above', price: eur(900), freeFrom: eur(10_000) });
    const res = await admin(t, storeId, 'PATCH', `/shipping-methods/${m.id}`, { kind: 'flat_rate', price: eur(800), name: 'Courier flat' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'flat_rate', name: 'Courier flat', price: eur(800), freeFrom: null });
    expect((await admin(t, storeId, 'DELETE', `/shipping-methods/${m.id}`)).statusCode).toBe(204);
    expect((await admin(t, storeId, 'DELETE', `/shipping-methods/${m.id}`)).statusCode).toBe(404);
  });

  it.each([
    [{ name: 'x', kind: 'flat_rate' }, ['body.price']],
    [{ name: 'x', kind: 'free_above', price: eur(100) }, ['body.freeFrom']],
    [{ name: 'x', kind: 'cash_on_delivery', price: eur(100) }, ['body.codFee']],
    [{ name: 'x', kind: 'flat_rate', price: eur(100), codFee: eur(50) }, ['body.codFee']],
    [{ name: 'x', kind: 'local_pickup', price: eur(100) }, ['body.price']],
    [{ name: 'x', kind: 'flat_rate', price: { amount: 100, currency: 'USD' } }, ['body.price.currency']],
  ])('refuses %j with 422 naming %j, and writes nothing', async (body, fields) => {
    const before = (await admin(t, storeId, 'GET', '/shipping-methods?limit=100')).json().data.length;
    const res = await admin(t, storeId, 'POST', '/shipping-methods', body);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SHIPPING_METHOD_INVALID' });
    expect(paths(res)).toEqual(fields);
    expect((await admin(t, storeId, 'GET', '/shipping-methods?limit=100')).json().data.length).toBe(before);
  });

  it('refuses prices that are negative, fractional or sent with fields it does not know', async () => {
    for (const body of [{ name: 'x', kind: 'flat_rate', price: eur(-1) }, { name: 'x', kind: 'flat_rate', price: eur(1.5) }, { name: 'x', kind: 'flat_rate', price: eur(1), tax: 3 }]) {
      const res = await admin(t, storeId, 'POST', '/shipping-methods', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
