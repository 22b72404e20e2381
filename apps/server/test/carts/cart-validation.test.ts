import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addForeignCurrencyVariant, addLine, addProduct, eur, makeShop, newCart, paths, setUp, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let other: Shop;
let mug: string;
let draft: string;
let foreign: string;
let dollar: string;
let luxury: string;
let otherMethod: string;
let hiddenMethod: string;
let cart: { id: string; token: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { CART_MAX_LINE_QUANTITY: '10', CART_MAX_LINES: '2' } });
  shop = await makeShop(t, 'cart-checks');
  other = await makeShop(t, 'cart-checks-other');
  mug = (await addProduct(t, shop.storeId, 'Mug', 1000)).variantId;
  draft = (await addProduct(t, shop.storeId, 'Draft', 1000, { status: 'draft' })).variantId;
  luxury = (await addProduct(t, shop.storeId, 'Watch', 1000, { taxClass: 'luxury' })).variantId;
  foreign = (await addProduct(t, other.storeId, 'Theirs', 1000)).variantId;
  dollar = await addForeignCurrencyVariant(t, shop.storeId);
  otherMethod = (await setUp(t, other.storeId, 'POST', '/shipping-methods', { name: 'Theirs', kind: 'local_pickup' })).id;
  hiddenMethod = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Off', kind: 'local_pickup', active: false })).id;
  const now = Date.now();
  const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
  await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Old', code: 'OLD', kind: 'percentage', ratePpm: 100_000, startsAt: iso(-10), endsAt: iso(-1) });
  await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Soon', code: 'SOON', kind: 'percentage', ratePpm: 100_000, startsAt: iso(1) });
  await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Big', code: 'BIG', kind: 'fixed_amount', amount: eur(500), minimumSubtotal: eur(100_000) });
  await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Paused', code: 'PAUSED', kind: 'free_shipping', active: false });
  await setUp(t, other.storeId, 'POST', '/discounts', { name: 'Theirs', code: 'THEIRS', kind: 'free_shipping' });
  const gone = await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Gone', code: 'GONE', kind: 'free_shipping', usageLimit: 1 });
  const { redeemDiscount } = await import('../../src/modules/checkout-settings/index.ts');
  const { inTransaction } = await import('../../src/platform/db/transaction.ts');
  await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => redeemDiscount(tx, shop.storeId, { discountId: gone.id, orderReference: 'earlier', email: 'x@y.test' }));
  cart = await newCart(t, shop);
  await addLine(t, shop, cart, mug, 2);
});
afterAll(() => t.close());

/** The cart as it is, to prove a refused request wrote nothing. */
const snapshot = async () => {
  const body = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json();
  return { lines: body.lines, codes: body.discountCodes, method: body.shippingMethod, address: body.shippingAddress, email: body.email };
};

async function refused(method: 'POST' | 'PATCH' | 'PUT', path: string, payload: Record<string, unknown>, code: string, fields: string[]) {
  const before = await snapshot();
  const res = await store(t, shop, method, `/carts/${cart.id}${path}`, { token: cart.token, payload });
  expect(res.statusCode, res.body).toBe(422);
  expect(res.json().code).toBe(code);
  expect(paths(res)).toEqual(fields);
  expect(await snapshot()).toEqual(before);
  return res;
}

describe('cart input checks: 422 naming the field, nothing written', () => {
  it.each([
    ['zero', 0],
    ['negative', -1],
    ['fractional', 1.5],
    ['above CART_MAX_LINE_QUANTITY', 11],
    ['text', '2'],
  ])('refuses a %s quantity', async (_what, quantity) => {
    await refused('POST', '/lines', { variantId: mug, quantity }, 'VALIDATION_FAILED', ['body.quantity']);
  });

  it('refuses prices and totals sent by the client', async () => {
    await refused('POST', '/lines', { variantId: mug, quantity: 1, unitPrice: eur(1) }, 'VALIDATION_FAILED', ['body']);
    await refused('POST', '/lines', { variantId: mug, quantity: 1, total: 1 }, 'VALIDATION_FAILED', ['body']);
    const created = await store(t, shop, 'POST', '/carts', { payload: { grandTotal: eur(0) } });
    expect(created.statusCode).toBe(422);
  });

  it('refuses adding past the largest quantity of a line, naming body.quantity', async () => {
    await refused('POST', '/lines', { variantId: mug, quantity: 9 }, 'CART_QUANTITY_TOO_LARGE', ['body.quantity']);
  });

  it.each([
    ['an unknown variant', () => '0190b4c2-0000-7000-8000-000000000000', 'CART_VARIANT_NOT_SELLABLE'],
    ['a variant of an unpublished product', () => draft, 'CART_VARIANT_NOT_SELLABLE'],
    ["another store's variant", () => foreign, 'CART_VARIANT_NOT_SELLABLE'],
    ['a variant priced in another currency', () => dollar, 'CART_CURRENCY_MISMATCH'],
    ['a variant whose tax class has no rate', () => luxury, 'CART_TAX_RATE_MISSING'],
  ])('refuses %s, naming body.variantId', async (_what, variant, code) => {
    await refused('POST', '/lines', { variantId: variant(), quantity: 1 }, code, ['body.variantId']);
  });

  it('refuses a line past CART_MAX_LINES, naming body.variantId', async () => {
    const small = await newCart(t, shop);
    await addLine(t, shop, small, mug, 1);
    await addLine(t, shop, small, (await addProduct(t, shop.storeId, 'Plate', 500)).variantId, 1);
    const res = await store(t, shop, 'POST', `/carts/${small.id}/lines`, { token: small.token, payload: { variantId: (await addProduct(t, shop.storeId, 'Bowl', 500)).variantId, quantity: 1 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CART_TOO_MANY_LINES');
    expect(paths(res)).toEqual(['body.variantId']);
  });

  it('keeps a cart to CART_MAX_LINES when different variants are added at once, yet still adds to a line it holds', async () => {
    const full = await newCart(t, shop);
    const variants = await Promise.all(['Cup', 'Saucer', 'Jug', 'Tray'].map(async (name) => (await addProduct(t, shop.storeId, name, 300)).variantId));
    const results = await Promise.all(variants.map((variantId) => store(t, shop, 'POST', `/carts/${full.id}/lines`, { token: full.token, payload: { variantId, quantity: 1 } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 422, 422]);
    expect(results.filter((r) => r.statusCode === 422).map((r) => r.json().code)).toEqual(['CART_TOO_MANY_LINES', 'CART_TOO_MANY_LINES']);
    const kept = variants.filter((_, i) => results[i]!.statusCode === 200);
    const more = await addLine(t, shop, full, kept[0]!, 2);
    expect(more.lines.map((l) => l.quantity).sort()).toEqual([1, 3]);
    const tooMany = await store(t, shop, 'POST', `/carts/${full.id}/lines`, { token: full.token, payload: { variantId: kept[0], quantity: 8 } });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().code).toBe('CART_QUANTITY_TOO_LARGE');
    expect(tooMany.json().errors).toEqual([{ path: 'body.quantity', message: 'would make 11; the most is 10' }]);
  });

  it('refuses a quantity change outside 1..max', async () => {
    const lineId = (await snapshot()).lines[0].id as string;
    await refused('PATCH', `/lines/${lineId}`, { quantity: 0 }, 'VALIDATION_FAILED', ['body.quantity']);
    await refused('PATCH', `/lines/${lineId}`, { quantity: 11 }, 'VALIDATION_FAILED', ['body.quantity']);
  });

  it('names every missing or malformed field of a shipping address', async () => {
    await refused('PUT', '/shipping-address', { line2: 'Back door' }, 'VALIDATION_FAILED', ['body.name', 'body.line1', 'body.city', 'body.postalCode', 'body.country']);
    await refused('PUT', '/shipping-address', { name: 'Kim', line1: 'Main St 1', city: 'Utrecht', postalCode: '3511', country: 'nl' }, 'VALIDATION_FAILED', ['body.country']);
  });

  it('refuses a malformed email', async () => {
    await refused('PUT', '/email', { email: 'not-an-email' }, 'VALIDATION_FAILED', ['body.email']);
  });

  it("refuses another store's shipping method and an inactive one, naming body.shippingMethodId", async () => {
    await refused('PUT', '/shipping-method', { shippingMethodId: otherMethod }, 'CART_SHIPPING_METHOD_INVALID', ['body.shippingMethodId']);
    await refused('PUT', '/shipping-method', { shippingMethodId: hiddenMethod }, 'CART_SHIPPING_METHOD_INVALID', ['body.shippingMethodId']);
  });

  it('refuses a details change with nothing to set, or with one bad field, and keeps the good fields unset too', async () => {
    await refused('PATCH', '', {}, 'VALIDATION_FAILED', ['body']);
    const address = { name: 'Kim', line1: 'Main St 1', city: 'Utrecht', postalCode: '3511', country: 'NL' };
    await refused('PATCH', '', { email: 'kim@example.test', shippingAddress: { ...address, country: 'nl' } }, 'VALIDATION_FAILED', ['body.shippingAddress.country']);
    await refused('PATCH', '', { email: 'kim@example.test', shippingAddress: address, shippingMethodId: hiddenMethod }, 'CART_SHIPPING_METHOD_INVALID', ['body.shippingMethodId']);
    await refused('PATCH', '', { email: 'kim@example.test', total: 1 }, 'VALIDATION_FAILED', ['body']);
  });

  it.each([
    ['NOPE', 'unknown'],
    ['THEIRS', 'unknown'],
    ['PAUSED', 'unknown'],
    ['OLD', 'expired'],
    ['SOON', 'not_started'],
    ['GONE', 'used_up'],
    ['BIG', 'minimum_not_met'],
  ])('refuses the code %s as %s, naming body.code', async (code, reason) => {
    const res = await refused('POST', '/discount-codes', { code }, 'CART_DISCOUNT_CODE_REJECTED', ['body.code']);
    expect(res.json().errors[0].message).toMatch(new RegExp(`^${reason}: `));
  });
});
