import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCashReconciliationService, createDeliveryAttemptService } from '../../src/modules/deliveries/index.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { paths } from '../carts/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { asRole, codOrder, deliveryShop, depsAt, outForDelivery, setStoreTimezone, staffCtx, type DeliveryShop } from './fixtures.ts';

/**
 * The store keeps Amsterdam time (UTC+2 in June). Handovers are recorded with a clock the test sets,
 * so "just after local midnight" is exact: 22:05 UTC on 1 June is 00:05 on 2 June in the store.
 */
let t: TestApp;
let s: DeliveryShop;
const clock = { now: new Date('2024-06-01T10:00:00Z') };
const EUR = (amount: number) => ({ amount, currency: 'EUR' });

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  s = await deliveryShop(t, 'desk-cash');
  await setStoreTimezone(t, s.shop.storeId, 'Europe/Amsterdam');
});
afterAll(() => t.close());

/** A cash-on-delivery order handed over by `agentId` at `at`, with `short` less cash than due. */
async function handedOver(agentId: string, at: string, short = 0) {
  const order = await codOrder(t, s);
  const id = await outForDelivery(t, s.shop.storeId, order.id, agentId);
  clock.now = new Date(at);
  const view = await createDeliveryAttemptService(depsAt(t, clock)).record(staffCtx(t, s.shop.storeId, agentId), id, {
    outcome: 'delivered',
    cashCollected: EUR(order.grandTotal.amount - short),
  });
  return { due: order.grandTotal.amount, collected: order.grandTotal.amount - short, collectedOn: view.collectedOn };
}

const day = (date: string, query = '') => asRole(t, 'accountant', s.shop.storeId, 'GET', `/cash-reconciliations?date=${date}${query}`);
const close = (body: Record<string, unknown>, role: 'accountant' | 'manager' | 'owner' = 'accountant') => asRole(t, role, s.shop.storeId, 'POST', '/cash-reconciliations', body);
const rowOf = async (date: string, agentId: string) => ((await day(date)).json() as { data: Array<{ agentId: string }> }).data.find((r) => r.agentId === agentId) as Record<string, unknown>;

describe('daily cash reconciliation', () => {
  let a1: Awaited<ReturnType<typeof handedOver>>;
  let a2: Awaited<ReturnType<typeof handedOver>>;
  let a3: Awaited<ReturnType<typeof handedOver>>;
  let b1: Awaited<ReturnType<typeof handedOver>>;
  let b2: Awaited<ReturnType<typeof handedOver>>;

  beforeAll(async () => {
    a1 = await handedOver(s.ana, '2024-06-01T10:00:00Z');
    a2 = await handedOver(s.ana, '2024-06-01T21:59:00Z', 50); // 23:59 in the store: still 1 June
    b1 = await handedOver(s.ben, '2024-06-01T12:00:00Z');
    a3 = await handedOver(s.ana, '2024-06-01T22:05:00Z'); // 00:05 in the store: 2 June, though 1 June in UTC
    b2 = await handedOver(s.ben, '2024-06-02T09:00:00Z');
  });

  it("puts each handover on the store's calendar day, around local midnight", () => {
    expect([a1.collectedOn, a2.collectedOn, b1.collectedOn]).toEqual(['2024-06-01', '2024-06-01', '2024-06-01']);
    expect([a3.collectedOn, b2.collectedOn]).toEqual(['2024-06-02', '2024-06-02']);
  });

  it('shows expected and collected per agent for each of two days', async () => {
    const first = await day('2024-06-01');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data).toEqual([
      {
        agentId: s.ana,
        agentName: 'ana',
        date: '2024-06-01',
        currency: 'EUR',
        expected: EUR(a1.due + a2.due),
        collected: EUR(a1.collected + a2.collected),
        deliveryCount: 2,
        closing: null,
        unreconciled: { deliveryCount: 2, expected: EUR(a1.due + a2.due), collected: EUR(a1.collected + a2.collected) },
      },
      expect.objectContaining({ agentId: s.ben, expected: EUR(b1.due), collected: EUR(b1.collected), deliveryCount: 1 }),
    ]);
    const second = (await day('2024-06-02')).json().data;
    expect(second).toMatchObject([
      { agentId: s.ana, expected: EUR(a3.due), collected: EUR(a3.collected), deliveryCount: 1 },
      { agentId: s.ben, expected: EUR(b2.due), collected: EUR(b2.collected), deliveryCount: 1 },
    ]);
    expect((await day('2024-06-03')).json().data).toEqual([]);
    expect((await day('2024-06-01', `&agentId=${s.ben}`)).json().data.map((r: { agentId: string }) => r.agentId)).toEqual([s.ben]);
  });

  it('pages through the agents of a day', async () => {
    const page1 = (await day('2024-06-01', '&limit=1')).json();
    expect(page1.data.map((r: { agentId: string }) => r.agentId)).toEqual([s.ana]);
    const page2 = (await day('2024-06-01', `&limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ data: [{ agentId: s.ben }], nextCursor: null });
  });

  it('closes a day with the counted cash and its differences, once', async () => {
    const counted = a1.collected + a2.collected - 20;
    const res = await close({ agentId: s.ana, date: '2024-06-01', counted: EUR(counted), note: 'twenty short in the bag' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      agentId: s.ana,
      closing: {
        expected: EUR(a1.due + a2.due),
        collected: EUR(a1.collected + a2.collected),
        deliveryCount: 2,
        counted: EUR(counted),
        difference: EUR(counted - (a1.due + a2.due)),
        handoverDifference: EUR(-20),
        note: 'twenty short in the bag',
        closedBy: expect.stringMatching(/^staff:/),
      },
      unreconciled: { deliveryCount: 0, expected: EUR(0), collected: EUR(0) },
    });

    const twice = await close({ agentId: s.ana, date: '2024-06-01', counted: EUR(counted) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'CASH_RECONCILIATION_CONFLICT', errors: [{ path: 'body.date' }] });
    // The other agent's day is still open; the next day too.
    expect((await rowOf('2024-06-01', s.ben)).closing).toBeNull();
    expect((await rowOf('2024-06-02', s.ana)).closing).toBeNull();
  });

  it('keeps a closing as it was and shows cash handed over on that day after it as unreconciled', async () => {
    const late = await handedOver(s.ana, '2024-06-01T21:30:00Z'); // 23:30 on 1 June in the store, after the closing
    expect(late.collectedOn).toBe('2024-06-01');
    const row = await rowOf('2024-06-01', s.ana);
    expect(row).toMatchObject({
      deliveryCount: 3,
      expected: EUR(a1.due + a2.due + late.due),
      closing: { deliveryCount: 2, expected: EUR(a1.due + a2.due) },
      unreconciled: { deliveryCount: 1, expected: EUR(late.due), collected: EUR(late.collected) },
    });
    expect((await close({ agentId: s.ana, date: '2024-06-01', counted: EUR(late.collected) })).statusCode).toBe(409);
  });

  it('lets exactly one of two concurrent closes of a day through', async () => {
    const results = await Promise.all([0, 1, 2].map(() => close({ agentId: s.ben, date: '2024-06-02', counted: EUR(b2.collected) })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('refuses bad closings with the field named, writing nothing', async () => {
    const service = createCashReconciliationService(depsAt(t, clock));
    clock.now = new Date('2024-06-02T12:00:00Z');
    await expect(service.close(staffCtx(t, s.shop.storeId, s.ana), { agentId: s.ben, date: '2024-06-03', counted: EUR(0) })).rejects.toMatchObject({
      code: 'CASH_RECONCILIATION_DATE_IN_FUTURE',
      fields: [{ path: 'body.date' }],
    });
    const wrongCurrency = await close({ agentId: s.ben, date: '2024-06-01', counted: { amount: b1.collected, currency: 'USD' } });
    expect(wrongCurrency.statusCode).toBe(422);
    expect(wrongCurrency.json()).toMatchObject({ code: 'CASH_RECONCILIATION_CURRENCY_MISMATCH', errors: [{ path: 'body.counted.currency', message: 'must be EUR' }] });
    const stranger = await close({ agentId: '0190a000-0000-7000-8000-000000000000', date: '2024-06-01', counted: EUR(0) });
    expect(stranger.json()).toMatchObject({ code: 'CASH_RECONCILIATION_AGENT_INVALID', errors: [{ path: 'body.agentId' }] });
    const malformed = await close({ agentId: s.ben, date: '1 June', counted: { amount: 1.5, currency: 'eur' } });
    expect(malformed.statusCode).toBe(422);
    expect(paths(malformed).sort()).toEqual(['body.counted.amount', 'body.counted.currency', 'body.date']);
    expect(paths(await day('yesterday'))).toEqual(['querystring.date']);
    expect((await rowOf('2024-06-01', s.ben)).closing).toBeNull();
  });

  it('lets accountants and owners close, managers neither read nor close', async () => {
    expect((await asRole(t, 'manager', s.shop.storeId, 'GET', '/cash-reconciliations?date=2024-06-01')).statusCode).toBe(403);
    expect((await close({ agentId: s.ben, date: '2024-06-01', counted: EUR(b1.collected) }, 'manager')).statusCode).toBe(403);
    expect((await asRole(t, 'viewer', s.shop.storeId, 'GET', '/cash-reconciliations?date=2024-06-01')).statusCode).toBe(403);
    const owner = await close({ agentId: s.ben, date: '2024-06-01', counted: EUR(b1.collected) }, 'owner');
    expect(owner.statusCode, owner.body).toBe(201);
    expect(owner.json().closing).toMatchObject({ difference: EUR(0), handoverDifference: EUR(0) });
  });
});
