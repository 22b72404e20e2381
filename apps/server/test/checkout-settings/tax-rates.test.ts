import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { admin, created, paths } from './fixtures.ts';

let t: TestApp;
let storeId: string;
let otherStore: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  storeId = await createStore(t.database, 'tax-shop');
  otherStore = await createStore(t.database, 'tax-other');
});
afterAll(() => t.close());

describe('tax rates', () => {
  it('adds, reads, lists, changes and removes the rate of a tax class', async () => {
    const standard = await created<{ taxClass: string; ratePpm: number }>(t, storeId, '/tax-rates', { taxClass: 'standard', ratePpm: 210_000 });
    expect(standard).toMatchObject({ taxClass: 'standard', ratePpm: 210_000 });
    const reduced = await created(t, storeId, '/tax-rates', { taxClass: 'reduced', ratePpm: 90_000 });
    expect((await admin(t, storeId, 'GET', `/tax-rates/${standard.id}`)).json()).toMatchObject({ id: standard.id, ratePpm: 210_000 });

    const first = await admin(t, storeId, 'GET', '/tax-rates?limit=1');
    expect(first.json()).toMatchObject({ data: [{ taxClass: 'standard' }], nextCursor: standard.id });
    const second = await admin(t, storeId, 'GET', `/tax-rates?limit=1&cursor=${standard.id}`);
    expect(second.json()).toMatchObject({ data: [{ taxClass: 'reduced' }], nextCursor: null });

    const changed = await admin(t, storeId, 'PATCH', `/tax-rates/${reduced.id}`, { ratePpm: 60_000 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ taxClass: 'reduced', ratePpm: 60_000 });

    expect((await admin(t, storeId, 'DELETE', `/tax-rates/${reduced.id}`)).statusCode).toBe(204);
    expect((await admin(t, storeId, 'GET', `/tax-rates/${reduced.id}`)).statusCode).toBe(404);
  });

  it('refuses a second rate for the same class with 409 naming body.taxClass', async () => {
    await created(t, storeId, '/tax-rates', { taxClass: 'zero', ratePpm: 0 });
    const again = await admin(t, storeId, 'POST', '/tax-rates', { taxClass: 'zero', ratePpm: 10 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TAX_CLASS_TAKEN' });
    expect(paths(again)).toEqual(['body.taxClass']);
    // Another store may use the same class name.
    expect((await admin(t, otherStore, 'POST', '/tax-rates', { taxClass: 'zero', ratePpm: 0 })).statusCode).toBe(201);
  });

  it.each([
    [{ taxClass: 'standard', ratePpm: 1_000_001 }, 'body.ratePpm'],
    [{ taxClass: 'standard', ratePpm: -1 }, 'body.ratePpm'],
    [{ taxClass: 'standard', ratePpm: 21.5 }, 'body.ratePpm'],
    [{ taxClass: '', ratePpm: 0 }, 'body.taxClass'],
  ])('refuses %j with 422 naming %s', async (body, path) => {
    const res = await admin(t, storeId, 'POST', '/tax-rates', body);
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toContain(path);
  });

  it('lets a manager read tax rates but not change them', async () => {
    expect((await admin(t, storeId, 'GET', '/tax-rates', undefined, 'manager')).statusCode).toBe(200);
    const res = await admin(t, storeId, 'POST', '/tax-rates', { taxClass: 'luxury', ratePpm: 250_000 }, 'manager');
    expect(res.statusCode).toBe(403);
  });

  it('keeps prices-include-tax and the shipping tax class in the store settings, with defaults', async () => {
    const store = await admin(t, storeId, 'GET', '/store');
    expect(store.json().settings).toMatchObject({ pricesIncludeTax: true, shippingTaxClass: 'standard' });
    const changed = await admin(t, storeId, 'PATCH', '/store', { settings: { pricesIncludeTax: false, shippingTaxClass: 'reduced' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().settings).toMatchObject({ pricesIncludeTax: false, shippingTaxClass: 'reduced' });
    const bad = await admin(t, storeId, 'PATCH', '/store', { settings: { pricesIncludeTax: 'yes' } });
    expect(bad.statusCode).toBe(422);
    expect(paths(bad)).toEqual(['body.settings.pricesIncludeTax']);
  });
});
