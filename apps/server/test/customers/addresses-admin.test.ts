import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { addStaff, signIn } from '../identity/staff-fixtures.ts';
import { makeShop, storeCall, verifiedCustomer, type Shop } from './customer-fixtures.ts';

let t: TestApp;
let shop: Shop;
let other: Shop;

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeShop(t, 'addr-shop');
  other = await makeShop(t, 'addr-other');
});
afterAll(() => t.close());

const address = { name: 'Kim Buyer', line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' };

describe('addresses', () => {
  it('lists, reads, changes and removes your own addresses, paginated', async () => {
    const s = await verifiedCustomer(t, shop, 'addr@buyer.test');
    const call = (path: string, c: Parameters<typeof storeCall>[3] = {}) => storeCall(t, shop.publishableKey, path, { ...c, token: s.accessToken });
    const a = (await call('/me/addresses', { payload: address })).json();
    const b = await call('/me/addresses', { payload: { ...address, line1: 'Damrak 2', isDefault: true } });
    expect(b.statusCode).toBe(201);
    const page1 = (await call('/me/addresses?limit=1')).json();
    expect(page1.data).toHaveLength(1);
    const page2 = (await call(`/me/addresses?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.data[0].id).toBe(a.id);
    expect((await call(`/me/addresses/${a.id}`, { method: 'PATCH', payload: { city: 'Utrecht' } })).json().city).toBe('Utrecht');
    expect((await call(`/me/addresses/${a.id}`, { method: 'PATCH', payload: { customerId: a.id } })).statusCode).toBe(422);
    expect((await call(`/me/addresses/${a.id}`, { method: 'DELETE' })).statusCode).toBe(204);
    expect((await call(`/me/addresses/${a.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for another customer’s address, on every :id route', async () => {
    const owner = await verifiedCustomer(t, shop, 'owner-addr@buyer.test');
    const thief = await verifiedCustomer(t, shop, 'thief@buyer.test');
    const id = (await storeCall(t, shop.publishableKey, '/me/addresses', { payload: address, token: owner.accessToken })).json().id;
    for (const c of [{}, { method: 'PATCH' as const, payload: { city: 'X' } }, { method: 'DELETE' as const }]) {
      const res = await storeCall(t, shop.publishableKey, `/me/addresses/${id}`, { ...c, token: thief.accessToken });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CUSTOMER_ADDRESS_NOT_FOUND');
    }
    expect((await storeCall(t, shop.publishableKey, `/me/addresses/${id}`, { token: owner.accessToken })).json().city).toBe('Amsterdam');
  });

  it('another store’s publishable key sees none of this store’s customers', async () => {
    const s = await verifiedCustomer(t, shop, 'crossstore@buyer.test');
    expect((await storeCall(t, other.publishableKey, '/me', { token: s.accessToken })).statusCode).toBe(401);
    expect((await storeCall(t, other.publishableKey, '/refresh', { payload: { refreshToken: s.refreshToken } })).statusCode).toBe(401);
    expect((await storeCall(t, other.publishableKey, '/login', { payload: { email: 'crossstore@buyer.test', password: 'quince-lantern-orbit-77' } })).statusCode).toBe(401);
    // The refusals spent nothing: the session still works at its own store.
    expect((await storeCall(t, shop.publishableKey, '/refresh', { payload: { refreshToken: s.refreshToken } })).statusCode).toBe(200);
  });
});

describe('admin customer list', () => {
  it('lists and searches customers with customers:read (paginated), shows one by id, and refuses 403 without the permission', async () => {
    await verifiedCustomer(t, shop, 'alice@list.test', 'Alice Adams');
    await verifiedCustomer(t, shop, 'bob@list.test', 'Bob Brown');
    await verifiedCustomer(t, other, 'alice@other.test', 'Alice Other');
    const owner = await signIn(t, shop.handle, shop.ownerEmail);
    const found = await t.app.inject({ url: '/api/v1/admin/customers?search=alice', headers: owner.auth });
    expect(found.statusCode).toBe(200);
    expect(found.json().data.map((c: { email: string }) => c.email)).toEqual(['alice@list.test']);
    expect(found.json().data[0]).not.toHaveProperty('passwordHash');
    const page = (await t.app.inject({ url: '/api/v1/admin/customers?limit=1', headers: owner.auth })).json();
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).toBeTruthy();
    const byName = (await t.app.inject({ url: '/api/v1/admin/customers?search=Brown', headers: owner.auth })).json().data[0];
    expect((await t.app.inject({ url: `/api/v1/admin/customers/${byName.id}`, headers: owner.auth })).json().email).toBe('bob@list.test');
    const otherOwner = await signIn(t, other.handle, other.ownerEmail);
    expect((await t.app.inject({ url: `/api/v1/admin/customers/${byName.id}`, headers: otherOwner.auth })).statusCode).toBe(404);
    await addStaff(t, shop.storeId, 'driver@addr-shop.test', 'delivery_agent');
    const driver = await signIn(t, shop.handle, 'driver@addr-shop.test');
    const refused = await t.app.inject({ url: '/api/v1/admin/customers', headers: driver.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ACCESS_FORBIDDEN');
  });
});
