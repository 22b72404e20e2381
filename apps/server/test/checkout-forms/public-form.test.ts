import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, answers, createForm, eur, footprint, formShop, formToken, getForm, paths, postOrder, preflight, receive, SHOP_ORIGIN } from './fixtures.ts';

const ADMIN_ORIGIN = 'https://admin.example';
let t: TestApp;
let storeId: string;
let cod: string;
let mug: { productId: string; variantId: string };
let formId: string;
beforeAll(async () => {
  // The admin web app's origin is allowed by the server-wide CORS list; forms must not inherit it.
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { CORS_ORIGINS: ADMIN_ORIGIN } });
  ({ storeId, cod, mug } = await formShop(t, 'forms-public', 3));
  formId = (await createForm(t, storeId, cod, mug.variantId, { allowedOrigins: [SHOP_ORIGIN, 'https://landing.example:8443'] })).id;
});
afterAll(() => t.close());

describe('public checkout forms: the definition', () => {
  it('serves a published form with its items as the storefront shows them, the COD delivery and a fresh token', async () => {
    const sold = await addProduct(t, storeId, 'Teapot', 3500);
    const patched = await admin(t, storeId, 'PATCH', `/checkout-forms/${formId}`, { items: [{ variantId: mug.variantId, maxQuantity: 5 }, { variantId: sold.variantId, maxQuantity: 2 }] });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await getForm(t, storeId, 'order-now');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    expect(res.headers.vary).toMatch(/Origin/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      title: 'Order now',
      currency: 'EUR',
      defaultCountry: 'NL',
      honeypotField: 'website',
      fields: { phone: 'required', email: 'optional', company: 'hidden' },
      items: [
        { variantId: mug.variantId, productName: 'Mug', price: eur(1210), compareAtPrice: null, maxQuantity: 5, availability: 'low' },
        { variantId: sold.variantId, productName: 'Teapot', price: eur(3500), maxQuantity: 2, availability: 'out' },
      ],
      shipping: { name: 'Courier, pay on delivery', price: eur(600), codFee: eur(200) },
    });
    expect(body.formToken).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    // No internal settings leak to the page.
    expect(Object.keys(body).sort()).toEqual(['currency', 'defaultCountry', 'fields', 'formToken', 'honeypotField', 'items', 'shipping', 'title']);
    await receive(t, storeId, sold.variantId, 50);
    expect((await getForm(t, storeId, 'order-now')).json().items[1]).toMatchObject({ availability: 'in_stock' });
  });

  it('answers 404 for a draft or unknown form, a slug of another store, and a path that is not a store', async () => {
    await createForm(t, storeId, cod, mug.variantId, { slug: 'still-draft', status: 'draft' });
    const draft = await getForm(t, storeId, 'still-draft');
    expect(draft.statusCode).toBe(404);
    expect(draft.json()).toMatchObject({ code: 'CHECKOUT_FORM_NOT_FOUND' });
    expect((await getForm(t, storeId, 'no-such-form')).statusCode).toBe(404);
    expect((await getForm(t, 'not-a-store', 'order-now')).statusCode).toBe(404);
    expect((await getForm(t, '0190a1b2-0000-7000-8000-000000000009', 'order-now')).statusCode).toBe(404);
    expect((await postOrder(t, storeId, 'still-draft', answers('1.x', mug.variantId))).statusCode).toBe(404);
  });

  it('answers 404 for every form of a suspended store', async () => {
    const paused = await formShop(t, 'forms-public-paused');
    await createForm(t, paused.storeId, paused.cod, paused.mug.variantId);
    expect((await getForm(t, paused.storeId, 'order-now')).statusCode).toBe(200);
    await t.database.db.execute(sql`update stores set status = 'suspended' where id = ${paused.storeId}`);
    expect((await getForm(t, paused.storeId, 'order-now')).statusCode).toBe(404);
    expect((await preflight(t, paused.storeId, 'order-now/orders', SHOP_ORIGIN)).statusCode).toBe(404);
  });

  it('answers to pages on its allowed origins only: 403 to another origin and to a request without Origin', async () => {
    expect((await getForm(t, storeId, 'order-now', { origin: 'https://landing.example:8443' })).headers['access-control-allow-origin']).toBe('https://landing.example:8443');
    for (const origin of ['https://evil.example', 'https://landing.example', 'http://shop.example', 'null', ADMIN_ORIGIN, null]) {
      const res = await getForm(t, storeId, 'order-now', { origin });
      expect(res.statusCode, String(origin)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CHECKOUT_FORM_ORIGIN_FORBIDDEN' });
      expect(paths(res)).toEqual(['headers.origin']);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.json().formToken).toBeUndefined();
    }
  });
});

describe('public checkout forms: CORS preflight', () => {
  it('answers an allowed origin with that origin (never *), the method, the headers it takes, and Vary: Origin', async () => {
    const res = await preflight(t, storeId, 'order-now/orders', SHOP_ORIGIN);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    expect(res.headers['access-control-allow-methods']).toBe('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/).sort()).toEqual(['content-type', 'idempotency-key']);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
    const definition = await preflight(t, storeId, 'order-now', SHOP_ORIGIN, 'GET');
    expect(definition.statusCode).toBe(204);
    expect(definition.headers['access-control-allow-methods']).toBe('GET');
  });

  it('refuses an origin the form does not allow with 403 and no CORS headers, even one the admin API allows', async () => {
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', ADMIN_ORIGIN]) {
      const res = await preflight(t, storeId, 'order-now/orders', origin);
      expect(res.statusCode).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    }
    expect((await preflight(t, storeId, 'no-such-form/orders', SHOP_ORIGIN)).statusCode).toBe(404);
  });
});

describe('public checkout forms: a post from elsewhere', () => {
  it('refuses a post from a disallowed origin or without Origin with 403, and creates nothing', async () => {
    const token = await formToken(t, storeId, 'order-now');
    const before = await footprint(t, storeId, mug.variantId);
    for (const origin of ['https://evil.example', null]) {
      const res = await postOrder(t, storeId, 'order-now', answers(token, mug.variantId), { origin, headers: { 'idempotency-key': `elsewhere-${origin}` } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CHECKOUT_FORM_ORIGIN_FORBIDDEN' });
    }
    expect(await footprint(t, storeId, mug.variantId)).toEqual(before);
    // The same answers from the allowed page go through.
    expect((await postOrder(t, storeId, 'order-now', answers(token, mug.variantId))).statusCode).toBe(201);
  });
});
