import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';

let t: TestApp;
let store: string;
let other: string;
const url = (path: string) => `/api/v1/admin/catalog${path}`;
const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, payload?: Record<string, unknown>, tenantId = store) =>
  t.app.inject({ method, url: url(path), headers: as('manager', tenantId), ...(payload ? { payload } : {}) });
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const product = (name: string, sku: string, extra: Record<string, unknown> = {}) => send('POST', '/products', { name, variants: [{ sku, price: eur(1500) }], ...extra });

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'cat-products');
  other = await createStore(t.database, 'cat-products-other');
});
afterAll(() => t.close());

describe('products', () => {
  it('creates a product with one default variant, linked to brand and categories, and audits it', async () => {
    const brand = (await send('POST', '/brands', { name: 'Acme' })).json().id as string;
    const cat = (await send('POST', '/categories', { name: 'Mugs' })).json().id as string;
    const res = await product('Big Mug', 'MUG-BIG', { brandId: brand, categoryIds: [cat], tags: ['gift'], attributes: { material: 'stoneware' }, status: 'active', featured: true, seoTitle: 'Big mug' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ slug: 'big-mug', brandId: brand, categoryIds: [cat], tags: ['gift'], attributes: { material: 'stoneware' }, featured: true, status: 'active' });
    expect(body.publishedAt).not.toBeNull();
    expect(body.variants).toEqual([expect.objectContaining({ sku: 'MUG-BIG', optionValues: {}, price: eur(1500), trackStock: true, taxClass: 'standard' })]);
    expect((await send('GET', `/products/${body.id}`)).json()).toEqual(body);
    const audit = await inTransaction(t.database.db, { tenantId: store }, (tx) => tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${store} and target_id = ${body.id}`));
    expect(audit.rows.map((r) => r.action)).toEqual(['product.created']);
  });

  it('adds -2, -3 to a taken slug, and a rename keeps the old slug redirecting', async () => {
    const slugs = [];
    for (const sku of ['TEE-1', 'TEE-2', 'TEE-3']) slugs.push((await product('Plain Tee', sku)).json().slug);
    expect(slugs).toEqual(['plain-tee', 'plain-tee-2', 'plain-tee-3']);
    const id = (await product('Old Name', 'REN-1')).json().id as string;
    const renamed = await send('PATCH', `/products/${id}`, { name: 'New Name' });
    expect(renamed.json()).toMatchObject({ slug: 'new-name', oldSlugs: ['old-name'] });
    const explicit = await send('PATCH', `/products/${id}`, { slug: 'newest' });
    expect(explicit.json()).toMatchObject({ slug: 'newest', oldSlugs: ['old-name', 'new-name'] });
    // Another product may not take a slug that still redirects, nor a live one.
    for (const slug of ['old-name', 'plain-tee']) {
      const taken = await product('Other', `OTH-${slug}`, { slug });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'CATALOG_PRODUCT_SLUG_TAKEN', errors: [{ path: 'body.slug' }] });
    }
    expect((await product('Old Name', 'REN-2')).json().slug).toBe('old-name-2');
  });

  it('gives products of the same name made at once distinct slugs', async () => {
    const made = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => product('Twin', `TWIN-${i}`)));
    expect(made.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(made.map((r) => r.json().slug as string).sort()).toEqual(['twin', 'twin-2', 'twin-3', 'twin-4', 'twin-5', 'twin-6']);
  });

  it('sanitises the description: scripts, event handlers and javascript: links are removed', async () => {
    const description = '<p onclick="x()">Soft <strong>wool</strong><script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">hi</a>';
    const res = await product('Scarf', 'SCARF-1', { description });
    expect(res.json().description).toBe('<p>Soft <strong>wool</strong></p><a>hi</a>');
    const patched = await send('PATCH', `/products/${res.json().id}`, { description: '<style>p{}</style><em>ok</em>' });
    expect(patched.json().description).toBe('<em>ok</em>');
  });

  it('keeps SKUs unique per store (409 naming the field) while another store may use the same SKU', async () => {
    expect((await product('Cap', 'CAP-1')).statusCode).toBe(201);
    const dup = await product('Cap again', 'CAP-1');
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CATALOG_SKU_TAKEN', errors: [{ path: 'body.variants.0.sku' }] });
    expect((await send('POST', '/products', { name: 'Cap', variants: [{ sku: 'CAP-1', price: eur(100) }] }, other)).statusCode).toBe(201);

    const hat = (await send('POST', '/products', { name: 'Hat', variants: [{ sku: 'HAT-S', optionValues: { size: 'S' }, price: eur(100) }, { sku: 'HAT-M', optionValues: { size: 'M' }, price: eur(100) }] })).json();
    const added = await send('POST', `/products/${hat.id}/variants`, { sku: 'CAP-1', optionValues: { size: 'L' }, price: eur(100) });
    expect(added.statusCode).toBe(409);
    expect(added.json()).toMatchObject({ code: 'CATALOG_SKU_TAKEN', errors: [{ path: 'body.sku' }] });
    const changed = await send('PATCH', `/products/${hat.id}/variants/${hat.variants[1].id}`, { sku: 'HAT-S' });
    expect(changed.json()).toMatchObject({ code: 'CATALOG_SKU_TAKEN', errors: [{ path: 'body.sku' }] });
  });

  it("refuses prices in another currency than the store's (422 naming the field)", async () => {
    const res = await send('POST', '/products', { name: 'Pen', variants: [{ sku: 'PEN-1', price: eur(100), compareAtPrice: { amount: 200, currency: 'USD' } }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CATALOG_CURRENCY_MISMATCH', errors: [{ path: 'body.variants.0.compareAtPrice.currency' }] });
    const pen = (await product('Pen', 'PEN-2')).json();
    const patch = await send('PATCH', `/products/${pen.id}/variants/${pen.variants[0].id}`, { price: { amount: 5, currency: 'GBP' } });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().errors).toEqual([expect.objectContaining({ path: 'body.price.currency' })]);
    expect((await send('PATCH', `/products/${pen.id}/variants/${pen.variants[0].id}`, { price: eur(-1) })).statusCode).toBe(422);
    expect((await send('PATCH', `/products/${pen.id}/variants/${pen.variants[0].id}`, { price: eur(1.5) })).statusCode).toBe(422);
  });

  it('adds, changes and deletes variants, but never the last one nor one with stock history', async () => {
    const shirt = (await product('Shirt', 'SHIRT-S')).json();
    const noOptions = await send('POST', `/products/${shirt.id}/variants`, { sku: 'SHIRT-X', price: eur(100) });
    expect(noOptions.json().code).toBe('CATALOG_VARIANT_OPTIONS_REQUIRED');
    const beforeDefaultHasOptions = await send('POST', `/products/${shirt.id}/variants`, { sku: 'SHIRT-X', optionValues: { size: 'M' }, price: eur(100) });
    expect(beforeDefaultHasOptions.json()).toMatchObject({ code: 'CATALOG_VARIANT_OPTIONS_REQUIRED', errors: [{ path: 'body.optionValues' }] });
    await send('PATCH', `/products/${shirt.id}/variants/${shirt.variants[0].id}`, { optionValues: { size: 'S' } });
    const m = await send('POST', `/products/${shirt.id}/variants`, { sku: 'SHIRT-M', optionValues: { size: 'M' }, price: eur(2000), costPrice: eur(800), weightGrams: 200, trackStock: false, position: 1 });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json()).toMatchObject({ costPrice: eur(800), weightGrams: 200, trackStock: false });
    const changed = await send('PATCH', `/products/${shirt.id}/variants/${m.json().id}`, { barcode: '4006381333931', taxClass: 'reduced' });
    expect(changed.json()).toMatchObject({ barcode: '4006381333931', taxClass: 'reduced', sku: 'SHIRT-M' });
    const l = (await send('POST', `/products/${shirt.id}/variants`, { sku: 'SHIRT-L', optionValues: { size: 'L' }, price: eur(2000) })).json();
    const received = await t.app.inject({ method: 'POST', url: '/api/v1/admin/inventory/receipts', headers: as('inventory_manager', store), payload: { variantId: l.id, quantity: 3 } });
    expect(received.statusCode, received.body).toBe(200);
    const withHistory = await send('DELETE', `/products/${shirt.id}/variants/${l.id}`);
    expect(withHistory.statusCode).toBe(422);
    expect(withHistory.json().code).toBe('CATALOG_VARIANT_HAS_STOCK_HISTORY');
    expect((await send('DELETE', `/products/${shirt.id}/variants/${m.json().id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/products/${shirt.id}/variants/${shirt.variants[0].id}`)).statusCode).toBe(204);
    const sock = (await product('Sock', 'SOCK-1')).json();
    const last = await send('DELETE', `/products/${sock.id}/variants/${sock.variants[0].id}`);
    expect(last.statusCode).toBe(422);
    expect(last.json().code).toBe('CATALOG_LAST_VARIANT');
    const audit = await inTransaction(t.database.db, { tenantId: store }, (tx) => tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${store} and target_id = ${m.json().id} order by id`));
    expect(audit.rows.map((r) => r.action)).toEqual(['variant.created', 'variant.updated', 'variant.deleted']);
  });

  it('archives, and lists with filters (status, brand, category, name or SKU prefix) and cursor pages', async () => {
    const s = await createStore(t.database, 'cat-list');
    const post = (payload: Record<string, unknown>) => send('POST', '/products', payload, s);
    const brand = (await send('POST', '/brands', { name: 'Zed' }, s)).json().id as string;
    const cat = (await send('POST', '/categories', { name: 'Lamps' }, s)).json().id as string;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await post({ name: `Lamp ${i}`, brandId: i < 3 ? brand : null, categoryIds: i % 2 ? [cat] : [], variants: [{ sku: `LMP-${i}`, price: eur(100) }] })).json().id);
    ids.push((await post({ name: 'Desk', variants: [{ sku: 'XYZ-9', price: eur(100) }] })).json().id);
    expect((await send('POST', `/products/${ids[0]}/archive`, {}, s)).json().status).toBe('archived');

    const list = async (query: string) => (await send('GET', `/products?${query}`, undefined, s)).json() as { data: Array<{ id: string }>; nextCursor: string | null };
    const names = async (query: string) => (await list(query)).data.map((p) => (p as { name?: string }).name);
    expect(await names('status=archived')).toEqual(['Lamp 0']);
    expect(await names(`brandId=${brand}`)).toEqual(['Lamp 2', 'Lamp 1', 'Lamp 0']);
    expect(await names(`categoryId=${cat}`)).toEqual(['Lamp 5', 'Lamp 3', 'Lamp 1']);
    expect(await names('q=desk')).toEqual(['Desk']);
    expect(await names('q=xyz')).toEqual(['Desk']);
    expect(await names('q=%25')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await send('GET', '/products?limit=101', undefined, s)).statusCode).toBe(422);
  });

  it('lets a viewer read but not write; refuses unknown brand ids and mass assignment', async () => {
    const viewer = as('viewer', store);
    expect((await t.app.inject({ url: url('/products'), headers: viewer })).statusCode).toBe(200);
    expect((await t.app.inject({ url: url('/brands'), headers: viewer })).statusCode).toBe(200);
    for (const path of ['/products', '/brands', '/categories']) {
      const res = await t.app.inject({ method: 'POST', url: url(path), headers: viewer, payload: { name: 'x' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ACCESS_FORBIDDEN');
    }
    const unknown = await product('Ghost', 'GHOST-1', { brandId: '0190f0f0-0000-7000-8000-000000000000' });
    expect(unknown.json()).toMatchObject({ code: 'CATALOG_BRAND_UNKNOWN', errors: [{ path: 'body.brandId' }] });
    expect((await product('Sneaky', 'SNK-1', { tenantId: other })).statusCode).toBe(422);
    expect((await send('POST', '/products', { name: 'Sneaky', variants: [{ sku: 'SNK-2', price: eur(1), id: other }] })).statusCode).toBe(422);
  });
});
