import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { snapshotStore } from '../security/cross-tenant-fixtures.ts';
import { as, testRoleVerifier } from '../security/fixtures.ts';
import { asAgent, asRole, assigned, codOrder, deliveryShop, outForDelivery, type DeliveryShop } from './fixtures.ts';

/** Store A's staff against store B's desk: every route of the module, with B's ids. */
let t: TestApp;
let a: DeliveryShop;
let b: DeliveryShop;
const B: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  [a, b] = [await deliveryShop(t, 'desk-iso-a'), await deliveryShop(t, 'desk-iso-b')];
  await assigned(t, a.shop.storeId, (await codOrder(t, a)).id, a.ana);
  B.waitingOrder = (await codOrder(t, b)).id;
  B.order = (await codOrder(t, b)).id;
  B.assigned = await assigned(t, b.shop.storeId, B.order, b.ana);
  const out = await codOrder(t, b);
  B.out = await outForDelivery(t, b.shop.storeId, out.id, b.ana);
  const res = await asAgent(t, b.shop.storeId, b.ana, 'POST', `/my-deliveries/${B.out}/attempts`, { outcome: 'delivered', cashCollected: out.grandTotal });
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(() => t.close());

const ids = (res: { json(): unknown }) => JSON.stringify(res.json());

describe("the delivery desk keeps each store's deliveries to itself", () => {
  it("shows none of B's deliveries, orders or cash in A's lists", async () => {
    const lists = [
      asRole(t, 'manager', a.shop.storeId, 'GET', '/deliveries?limit=100'),
      asRole(t, 'manager', a.shop.storeId, 'GET', `/deliveries?agentId=${b.ana}`),
      asRole(t, 'manager', a.shop.storeId, 'GET', `/deliveries?orderId=${B.order}`),
      asRole(t, 'manager', a.shop.storeId, 'GET', '/deliveries/unassigned?limit=100'),
      asRole(t, 'manager', a.shop.storeId, 'GET', `/orders?deliveryAgentId=${b.ana}`),
      asAgent(t, a.shop.storeId, a.ana, 'GET', '/my-deliveries?limit=100'),
      // Even a token of store A naming B's agent sees nothing of B.
      asAgent(t, a.shop.storeId, b.ana, 'GET', '/my-deliveries?limit=100'),
      asAgent(t, a.shop.storeId, b.ana, 'GET', '/my-deliveries?status=delivered'),
      asRole(t, 'accountant', a.shop.storeId, 'GET', `/cash-reconciliations?date=${today}`),
      asRole(t, 'accountant', a.shop.storeId, 'GET', `/cash-reconciliations?date=${today}&agentId=${b.ana}`),
    ];
    for (const res of await Promise.all(lists)) {
      expect(res.statusCode, res.body).toBe(200);
      for (const id of [...Object.values(B), b.ana, b.ben]) expect(ids(res), res.raw.req.url).not.toContain(id);
    }
    // The same lists in B do show them, so the ids are real.
    expect(ids(await asRole(t, 'manager', b.shop.storeId, 'GET', '/deliveries?limit=100'))).toContain(B.assigned);
    expect(ids(await asRole(t, 'accountant', b.shop.storeId, 'GET', `/cash-reconciliations?date=${today}`))).toContain(b.ana);
  });

  it("answers 404 to every id route with B's ids and changes nothing in B", async () => {
    const before = await snapshotStore(t, b.shop.storeId);
    const calls = [
      asRole(t, 'manager', a.shop.storeId, 'GET', `/deliveries/${B.assigned}`),
      asRole(t, 'manager', a.shop.storeId, 'POST', `/orders/${B.waitingOrder}/delivery-assignments`, { agentId: a.ana }),
      asRole(t, 'manager', a.shop.storeId, 'POST', `/orders/${B.order}/delivery-assignments`, { agentId: a.ben }),
      asRole(t, 'owner', a.shop.storeId, 'GET', `/my-deliveries/${B.assigned}`),
      asAgent(t, a.shop.storeId, b.ana, 'GET', `/my-deliveries/${B.assigned}`),
      asAgent(t, a.shop.storeId, b.ana, 'POST', `/my-deliveries/${B.assigned}/start`),
      asAgent(t, a.shop.storeId, b.ana, 'POST', `/my-deliveries/${B.assigned}/attempts`, { outcome: 'failed', reason: 'Mallory was here' }),
      asAgent(t, a.shop.storeId, b.ana, 'POST', `/my-deliveries/${B.out}/attempts`, { outcome: 'delivered', cashCollected: { amount: 1, currency: 'EUR' } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode, `${res.raw.req.url}: ${res.body}`).toBe(404);
    expect(await snapshotStore(t, b.shop.storeId)).toEqual(before);
  });

  it("refuses B's staff as agents or cash days in A, naming the field", async () => {
    const before = await snapshotStore(t, b.shop.storeId);
    const own = (await codOrder(t, a)).id;
    const assign = await asRole(t, 'manager', a.shop.storeId, 'POST', `/orders/${own}/delivery-assignments`, { agentId: b.ana });
    expect(assign.json()).toMatchObject({ status: 422, code: 'DELIVERY_AGENT_INVALID', errors: [{ path: 'body.agentId', message: 'is not a staff member of this store' }] });
    const closeB = await asRole(t, 'accountant', a.shop.storeId, 'POST', '/cash-reconciliations', { agentId: b.ana, date: today, counted: { amount: 0, currency: 'EUR' } });
    expect(closeB.json()).toMatchObject({ status: 422, errors: [{ path: 'body.agentId' }] });
    expect(await snapshotStore(t, b.shop.storeId)).toEqual(before);
  });

  it('refuses API keys on the agent routes: a key is nobody who can carry a parcel', async () => {
    const key = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', headers: as('owner', a.shop.storeId), payload: { name: 'erp', permissions: ['deliveries:record', 'deliveries:read'] } });
    expect(key.statusCode, key.body).toBe(201);
    const auth = { authorization: `Bearer ${(key.json() as { key: string }).key}` };
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/my-deliveries', headers: auth });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_STAFF_ONLY_FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/deliveries', headers: auth })).statusCode).toBe(200);
  });
});
