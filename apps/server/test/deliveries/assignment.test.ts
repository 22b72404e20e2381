import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { paths } from '../carts/fixtures.ts';
import { addStaff } from '../identity/staff-fixtures.ts';
import { checkout, readyCart } from '../orders/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { asAgent, asRole, assign, assigned, codOrder, countRows, deliveryShop, moveOrder, outForDelivery, stockOf, type DeliveryShop } from './fixtures.ts';

let t: TestApp;
let s: DeliveryShop;
let other: DeliveryShop;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  s = await deliveryShop(t, 'desk-assign');
  other = await deliveryShop(t, 'desk-assign-other', 0);
});
afterAll(() => t.close());

const desk = (query = '') => asRole(t, 'manager', s.shop.storeId, 'GET', `/deliveries${query}`);
const queue = () => asRole(t, 'manager', s.shop.storeId, 'GET', '/deliveries/unassigned');
const today = () => new Date().toISOString().slice(0, 10);

describe('assigning cash-on-delivery orders', () => {
  it('makes the delivery on the first assignment, due the order total, and records every change of agent', async () => {
    const order = await codOrder(t, s);
    const first = await assign(t, s.shop.storeId, order.id, s.ana);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      order: { id: order.id, number: order.number, status: 'confirmed' },
      agentId: s.ana,
      status: 'assigned',
      cashDue: order.grandTotal,
      cashCollected: null,
      attemptCount: 0,
      assignments: [{ fromAgentId: null, toAgentId: s.ana, assignedBy: expect.stringMatching(/^staff:/) }],
      attempts: [],
    });

    const again = await assign(t, s.shop.storeId, order.id, s.ben, { scheduledFor: today() });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, agentId: s.ben, status: 'assigned', scheduledFor: today() });
    expect(again.json().assignments).toMatchObject([
      { fromAgentId: null, toAgentId: s.ana },
      { fromAgentId: s.ana, toAgentId: s.ben },
    ]);
    // One delivery per order, however often it moves.
    const rows = await t.database.db.execute(sql`select count(*)::int as n from deliveries where tenant_id = ${s.shop.storeId} and order_id = ${order.id}`);
    expect(rows.rows[0]).toEqual({ n: 1 });

    // Giving it to the agent who already has it changes nothing in the history.
    expect((await assign(t, s.shop.storeId, order.id, s.ben)).json().assignments).toHaveLength(2);
    // The desk's own view shows the same history.
    expect((await asRole(t, 'viewer', s.shop.storeId, 'GET', `/deliveries/${first.json().id}`)).json().assignments).toHaveLength(2);
  });

  it('refuses an agent who is not an active delivery agent of this store with 422 naming agentId, writing nothing', async () => {
    const order = await codOrder(t, s);
    const manager = await addStaff(t, s.shop.storeId, 'max@desk-assign.test', 'manager');
    const gone = await addStaff(t, s.shop.storeId, 'gone@desk-assign.test', 'delivery_agent');
    await t.database.db.execute(sql`update staff_users set status = 'disabled' where id = ${gone}`);
    const before = [await countRows(t, 'deliveries', s.shop.storeId), await countRows(t, 'delivery_assignments', s.shop.storeId)];
    for (const [agentId, message] of [
      [manager, 'has the role manager, not delivery_agent'],
      [gone, 'is a disabled staff account'],
      [other.ana, 'is not a staff member of this store'],
      ['0190a000-0000-7000-8000-000000000000', 'is not a staff member of this store'],
    ] as const) {
      const res = await assign(t, s.shop.storeId, order.id, agentId);
      expect(res.statusCode, agentId).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'DELIVERY_AGENT_INVALID', errors: [{ path: 'body.agentId', message }] });
    }
    expect([await countRows(t, 'deliveries', s.shop.storeId), await countRows(t, 'delivery_assignments', s.shop.storeId)]).toEqual(before);
  });

  it('refuses bad input and orders that are not ready for the desk', async () => {
    const invalid = await assign(t, s.shop.storeId, (await codOrder(t, s)).id, 'not-a-uuid', { scheduledFor: '2020-13-01' });
    expect(invalid.statusCode).toBe(422);
    expect(paths(invalid).sort()).toEqual(['body.agentId', 'body.scheduledFor']);

    const past = await assign(t, s.shop.storeId, (await codOrder(t, s)).id, s.ana, { scheduledFor: '2020-01-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'DELIVERY_DATE_IN_PAST', errors: [{ path: 'body.scheduledFor' }] });

    const pending = await codOrder(t, s, 1, false);
    const notConfirmed = await assign(t, s.shop.storeId, pending.id, s.ana);
    expect(notConfirmed.statusCode).toBe(409);
    expect(notConfirmed.json()).toMatchObject({ code: 'DELIVERY_ORDER_STATUS_CONFLICT', errors: [{ path: 'params.id', message: 'is pending' }] });

    const manual = await checkout(t, s.shop, await readyCart(t, s.shop, s.mug.variantId, 1, s.post));
    await moveOrder(t, s.shop.storeId, manual.json().id, 'confirmed');
    const notCod = await assign(t, s.shop.storeId, manual.json().id, s.ana);
    expect(notCod.statusCode).toBe(422);
    expect(notCod.json()).toMatchObject({ code: 'DELIVERY_NOT_CASH_ON_DELIVERY', errors: [{ path: 'params.id' }] });

    expect((await assign(t, s.shop.storeId, '0190a000-0000-7000-8000-000000000000', s.ana)).statusCode).toBe(404);
  });

  it('accepts processing orders too, and lists ready orders without an agent as the unassigned queue', async () => {
    const waiting = await codOrder(t, s);
    const processing = await codOrder(t, s);
    await moveOrder(t, s.shop.storeId, processing.id, 'processing');
    const pending = await codOrder(t, s, 1, false);
    const queued = (await queue()).json().data.map((o: { orderId: string }) => o.orderId);
    expect(queued).toEqual(expect.arrayContaining([waiting.id, processing.id]));
    expect(queued).not.toContain(pending.id);
    expect((await queue()).json().data.find((o: { orderId: string }) => o.orderId === waiting.id)).toMatchObject({ orderNumber: waiting.number, cashDue: waiting.grandTotal, deliveryId: null });

    expect((await assign(t, s.shop.storeId, processing.id, s.ana)).statusCode).toBe(200);
    expect((await queue()).json().data.map((o: { orderId: string }) => o.orderId)).not.toContain(processing.id);
  });

  it('filters the desk by status, agent and scheduled day, page by page', async () => {
    const order = await codOrder(t, s);
    const id = await assigned(t, s.shop.storeId, order.id, s.ben);
    await assign(t, s.shop.storeId, order.id, s.ben, { scheduledFor: '2999-01-01' });
    const ids = (r: { json(): unknown }) => (r.json() as { data: Array<{ id: string }> }).data.map((d) => d.id);
    expect(ids(await desk('?scheduledFor=2999-01-01'))).toEqual([id]);
    expect(ids(await desk(`?agentId=${s.ben}&status=assigned`))).toContain(id);
    expect(ids(await desk(`?agentId=${s.ana}`))).not.toContain(id);
    expect(ids(await desk('?status=delivered'))).not.toContain(id);
    const first = (await desk('?limit=1')).json();
    expect(first.data).toHaveLength(1);
    const second = (await desk(`?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.data[0].id).not.toBe(first.data[0].id);
    expect((await desk('?status=lost')).statusCode).toBe(422);
    // The desk holds no customer details; those are on the agent's own list and the order.
    expect(first.data[0]).not.toHaveProperty('shippingAddress');
  });

  it("takes a cancelled order's delivery off the agent's list, releasing its stock", async () => {
    const before = await stockOf(t, s.shop.storeId, s.mug.variantId);
    const order = await codOrder(t, s, 2);
    const id = await assigned(t, s.shop.storeId, order.id, s.ana);
    expect((await asAgent(t, s.shop.storeId, s.ana, 'GET', '/my-deliveries')).json().data.map((d: { id: string }) => d.id)).toContain(id);
    await moveOrder(t, s.shop.storeId, order.id, 'cancelled');
    expect((await asRole(t, 'manager', s.shop.storeId, 'GET', `/deliveries/${id}`)).json().status).toBe('cancelled');
    expect((await asAgent(t, s.shop.storeId, s.ana, 'GET', '/my-deliveries')).json().data.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(await stockOf(t, s.shop.storeId, s.mug.variantId)).toEqual(before);
    const reassign = await assign(t, s.shop.storeId, order.id, s.ben);
    expect(reassign.statusCode).toBe(409);
    expect(reassign.json()).toMatchObject({ code: 'DELIVERY_STATUS_CONFLICT', errors: [{ path: 'status', message: 'is cancelled' }] });
  });

  it('closes the delivery of an order returned after a failed attempt, putting the stock back', async () => {
    const before = await stockOf(t, s.shop.storeId, s.mug.variantId);
    const order = await codOrder(t, s, 2);
    const id = await outForDelivery(t, s.shop.storeId, order.id, s.ben);
    const failed = await asAgent(t, s.shop.storeId, s.ben, 'POST', `/my-deliveries/${id}/attempts`, { outcome: 'failed', reason: 'refused at the door' });
    expect(failed.json()).toMatchObject({ status: 'attempt_failed', order: { status: 'shipped' } });
    await moveOrder(t, s.shop.storeId, order.id, 'returned');
    expect((await asRole(t, 'manager', s.shop.storeId, 'GET', `/deliveries/${id}`)).json().status).toBe('returned');
    expect((await asAgent(t, s.shop.storeId, s.ben, 'GET', '/my-deliveries')).json().data.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await asAgent(t, s.shop.storeId, s.ben, 'POST', `/my-deliveries/${id}/start`)).statusCode).toBe(409);
    expect(await stockOf(t, s.shop.storeId, s.mug.variantId)).toEqual(before);
  });

  it('filters the order list by the agent carrying the delivery', async () => {
    const mine = await codOrder(t, s);
    const theirs = await codOrder(t, s);
    await assigned(t, s.shop.storeId, mine.id, s.ana);
    await assigned(t, s.shop.storeId, theirs.id, s.ben);
    const list = async (agentId: string) =>
      ((await asRole(t, 'manager', s.shop.storeId, 'GET', `/orders?deliveryAgentId=${agentId}&limit=100`)).json() as { data: Array<{ id: string }> }).data.map((o) => o.id);
    expect(await list(s.ana)).toContain(mine.id);
    expect(await list(s.ana)).not.toContain(theirs.id);
    expect(await list(s.ben)).toContain(theirs.id);
    // After reassignment the order follows its new agent.
    await assigned(t, s.shop.storeId, mine.id, s.ben);
    expect(await list(s.ana)).not.toContain(mine.id);
    expect(await list(s.ben)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await asRole(t, 'manager', s.shop.storeId, 'GET', '/orders?deliveryAgentId=ana')).statusCode).toBe(422);
  });

  it('lets only roles with deliveries:assign assign', async () => {
    const order = await codOrder(t, s);
    for (const role of ['delivery_agent', 'sales_rep', 'viewer', 'accountant'] as const) {
      const res = await asRole(t, role, s.shop.storeId, 'POST', `/orders/${order.id}/delivery-assignments`, { agentId: s.ana });
      expect(res.statusCode, role).toBe(403);
    }
  });
});
