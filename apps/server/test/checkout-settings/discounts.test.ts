import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemDiscount } from '../../src/modules/checkout-settings/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { createVariant } from '../inventory/fixtures.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { admin, created, eur, paths } from './fixtures.ts';

let t: TestApp;
let storeId: string;
let otherStore: string;
let productId: string;
let foreignProductId: string;
let categoryId: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  storeId = await createStore(t.database, 'discount-shop');
  otherStore = await createStore(t.database, 'discount-other');
  productId = (await createVariant(t.database, storeId, 'MUG-1')).productId;
  foreignProductId = (await createVariant(t.database, otherStore, 'MUG-X')).productId;
  categoryId = (await created(t, storeId, '/catalog/categories', { name: 'Mugs' })).id;
});
afterAll(() => t.close());

const count = async () => (await admin(t, storeId, 'GET', '/discounts?limit=100')).json().data.length as number;

describe('discounts', () => {
  it('adds a code discount and an automatic one, reads, finds by code, changes and deletes them', async () => {
    const code = await created(t, storeId, '/discounts', {
      name: 'Summer',
      code: 'SUMMER10',
      kind: 'percentage',
      ratePpm: 100_000,
      minimumSubtotal: eur(2000),
      startsAt: '2025-06-01T00:00:00Z',
      endsAt: '2025-09-01T00:00:00Z',
      usageLimit: 100,
      perCustomerLimit: 1,
    });
    expect(code).toMatchObject({ code: 'SUMMER10', kind: 'percentage', ratePpm: 100_000, amount: null, scope: { kind: 'order' }, minimumSubtotal: eur(2000), combinable: false, usageLimit: 100, perCustomerLimit: 1, timesUsed: 0, active: true, startsAt: '2025-06-01T00:00:00.000Z' });
    const auto = await created(t, storeId, '/discounts', { name: 'Mugs €2 off', kind: 'fixed_amount', amount: eur(200), scope: { kind: 'items', productIds: [productId], categoryIds: [categoryId] }, combinable: true });
    expect(auto).toMatchObject({ code: null, amount: eur(200), scope: { kind: 'items', productIds: [productId], categoryIds: [categoryId] } });

    const found = await admin(t, storeId, 'GET', '/discounts?code=summer10');
    expect(found.json().data.map((d: { id: string }) => d.id)).toEqual([code.id]);
    const changed = await admin(t, storeId, 'PATCH', `/discounts/${code.id}`, { kind: 'free_shipping', ratePpm: null, active: false });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ kind: 'free_shipping', ratePpm: null, active: false, code: 'SUMMER10' });
    expect((await admin(t, storeId, 'GET', `/discounts/${auto.id}`)).json()).toMatchObject({ name: 'Mugs €2 off' });
    expect((await admin(t, storeId, 'DELETE', `/discounts/${auto.id}`)).statusCode).toBe(204);
    expect((await admin(t, storeId, 'GET', `/discounts/${auto.id}`)).statusCode).toBe(404);
  });

  it('refuses a code another discount has in any case with 409 naming body.code', async () => {
    await created(t, storeId, '/discounts', { name: 'Welcome', code: 'Welcome5', kind: 'fixed_amount', amount: eur(500) });
    const before = await count();
    const res = await admin(t, storeId, 'POST', '/discounts', { name: 'Copy', code: 'WELCOME5', kind: 'free_shipping' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DISCOUNT_CODE_TAKEN' });
    expect(paths(res)).toEqual(['body.code']);
    expect(await count()).toBe(before);
    const other = await created(t, storeId, '/discounts', { name: 'Other', code: 'OTHER', kind: 'free_shipping' });
    const rename = await admin(t, storeId, 'PATCH', `/discounts/${other.id}`, { code: 'welcome5' });
    expect(rename.statusCode).toBe(409);
    expect(paths(rename)).toEqual(['body.code']);
    // Another store may use the same code.
    expect((await admin(t, otherStore, 'POST', '/discounts', { name: 'Welcome', code: 'WELCOME5', kind: 'free_shipping' })).statusCode).toBe(201);
  });

  it.each([
    ['a percentage without a rate', { kind: 'percentage' }, ['body.ratePpm']],
    ['a fixed amount without an amount', { kind: 'fixed_amount' }, ['body.amount']],
    ['a rate on free shipping', { kind: 'free_shipping', ratePpm: 5 }, ['body.ratePpm']],
    ['an amount in another currency', { kind: 'fixed_amount', amount: { amount: 100, currency: 'USD' } }, ['body.amount.currency']],
    ['a minimum in another currency', { kind: 'free_shipping', minimumSubtotal: { amount: 100, currency: 'USD' } }, ['body.minimumSubtotal.currency']],
    ['an end before the start', { kind: 'free_shipping', startsAt: '2025-06-02T00:00:00Z', endsAt: '2025-06-01T00:00:00Z' }, ['body.endsAt']],
    ['an end equal to the start', { kind: 'free_shipping', startsAt: '2025-06-02T00:00:00Z', endsAt: '2025-06-02T00:00:00Z' }, ['body.endsAt']],
    ['an empty item scope', { kind: 'free_shipping', scope: { kind: 'items' } }, ['body.scope']],
  ])('refuses %s with 422 naming the field, and writes nothing', async (_what, body, fields) => {
    const before = await count();
    const res = await admin(t, storeId, 'POST', '/discounts', { name: 'Bad', ...body });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'DISCOUNT_INVALID' });
    expect(paths(res)).toEqual(fields);
    expect(await count()).toBe(before);
  });

  it("refuses a scope naming unknown or another store's products and categories, naming each", async () => {
    const missing = '0190b4c2-0000-7000-8000-000000000000';
    const res = await admin(t, storeId, 'POST', '/discounts', { name: 'Bad scope', kind: 'percentage', ratePpm: 1, scope: { kind: 'items', productIds: [productId, foreignProductId], categoryIds: [missing] } });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual(['body.scope.productIds.1', 'body.scope.categoryIds.0']);
  });

  it.each([
    [{ kind: 'percentage', ratePpm: 0 }, 'body.ratePpm'],
    [{ kind: 'percentage', ratePpm: 1_000_001 }, 'body.ratePpm'],
    [{ kind: 'free_shipping', usageLimit: 0 }, 'body.usageLimit'],
    [{ kind: 'free_shipping', code: 'has space' }, 'body.code'],
    [{ kind: 'free_shipping', timesUsed: 3 }, 'body'],
  ])('refuses %j at the schema with 422 naming %s', async (body, path) => {
    const res = await admin(t, storeId, 'POST', '/discounts', { name: 'Bad', ...body });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toContain(path);
  });

  it('refuses lowering the usage limit below the uses made, and deleting a used discount (409)', async () => {
    const d = await created(t, storeId, '/discounts', { name: 'Used', code: 'USED', kind: 'free_shipping', usageLimit: 5 });
    for (const order of ['1001', '1002']) {
      const outcome = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => redeemDiscount(tx, storeId, { discountId: d.id, orderReference: order, email: 'a@b.test' }));
      expect(outcome.ok).toBe(true);
    }
    expect((await admin(t, storeId, 'GET', `/discounts/${d.id}`)).json().timesUsed).toBe(2);
    const lower = await admin(t, storeId, 'PATCH', `/discounts/${d.id}`, { usageLimit: 1 });
    expect(lower.statusCode).toBe(422);
    expect(paths(lower)).toEqual(['body.usageLimit']);
    const del = await admin(t, storeId, 'DELETE', `/discounts/${d.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('DISCOUNT_IN_USE_CONFLICT');
    const rows = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => tx.execute(sql`select order_reference, email from discount_redemptions where discount_id = ${d.id} order by order_reference`));
    expect(rows.rows).toEqual([{ order_reference: '1001', email: 'a@b.test' }, { order_reference: '1002', email: 'a@b.test' }]);
  });

  it('lets a manager manage discounts and a viewer only read them', async () => {
    expect((await admin(t, storeId, 'POST', '/discounts', { name: 'M', kind: 'free_shipping' }, 'manager')).statusCode).toBe(201);
    expect((await admin(t, storeId, 'GET', '/discounts', undefined, 'viewer')).statusCode).toBe(200);
    expect((await admin(t, storeId, 'POST', '/discounts', { name: 'V', kind: 'free_shipping' }, 'viewer')).statusCode).toBe(403);
  });
});
