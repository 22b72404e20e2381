import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, eur, makeShop, searchNames, storeGet, type Hit, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let other: Shop;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'search-shop');
  other = await makeShop(t, 'search-other');
  const s = shop.storeId;
  const sonora = (await admin(t, s, 'POST', '/catalog/brands', { name: 'Sonora' })).json().id as string;
  ids.speaker = await addProduct(t, s, 'Bluetooth Speaker', {
    brandId: sonora,
    tags: ['portable'],
    attributes: { finish: 'anodised' },
    description: '<p>Loud &amp; clear sound for <strong>picnics</strong>, waterproof to one metre.</p>',
    variants: [
      { sku: 'SPK-100', barcode: '4006381333931', optionValues: { colour: 'Teal' }, price: eur(4900) },
      { sku: 'SPK-101', optionValues: { colour: 'Coral' }, price: eur(5900) },
    ],
  });
  ids.headphones = await addProduct(t, s, 'Headphones', { description: 'Closed-back, for studio work.' });
  ids.mount = await addProduct(t, s, 'Wall mount for SPK-100 speakers');
  ids.walnutOrganizer = await addProduct(t, s, 'Walnut Desk Organizer');
  ids.lamp = await addProduct(t, s, 'Desk Lamp', { description: 'A heavy base of oiled walnut keeps it steady.' });
  await addProduct(t, s, 'Headphones Draft Edition', { status: 'draft' });
  const archived = await addProduct(t, s, 'Headphones Old Model');
  await admin(t, s, 'POST', `/catalog/products/${archived}/archive`, {});
  await addProduct(t, s, 'Headphones Future Model', { publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
  await addProduct(t, other.storeId, 'Headphones Elsewhere');
  await t.database.pool.query(`insert into products (id, tenant_id, name, slug, status, published_at) values ($1, $2, 'Headphones Without Variants', 'no-variants', 'active', now())`, [uuidv7(), s]);
});
afterAll(() => t.close());

describe('storefront search', () => {
  it('search with a typo finds the product', async () => {
    expect(await searchNames(t, shop, 'blutooth speker')).toContain('Bluetooth Speaker');
    expect(await searchNames(t, shop, 'hedphones')).toContain('Headphones');
  });

  it('matches each word as a prefix', async () => {
    expect(await searchNames(t, shop, 'head')).toEqual(['Headphones']);
    expect(await searchNames(t, shop, 'blue spea')).toEqual(['Bluetooth Speaker']);
  });

  it('puts the product with that exact SKU or barcode first, ahead of a name that mentions it', async () => {
    expect(await searchNames(t, shop, 'SPK-100')).toEqual(['Bluetooth Speaker', 'Wall mount for SPK-100 speakers']);
    expect((await searchNames(t, shop, 'spk-100'))[0]).toBe('Bluetooth Speaker');
    expect(await searchNames(t, shop, '4006381333931')).toEqual(['Bluetooth Speaker']);
  });

  it('finds products by brand name, tag, attribute and option values', async () => {
    for (const q of ['sonora', 'portable', 'anodised', 'coral']) expect(await searchNames(t, shop, q), q).toEqual(['Bluetooth Speaker']);
  });

  it('finds a word that only the description has, with a highlighted, escaped snippet', async () => {
    expect(await searchNames(t, shop, 'oiled')).toEqual(['Desk Lamp']);
    const hit = (await storeGet(t, shop, '/search?q=picnics')).json().data[0] as Hit;
    expect(hit.name).toBe('Bluetooth Speaker');
    expect(hit.snippet).toContain('Loud &amp; clear sound for <mark>picnics</mark>');
    expect(hit.snippet).not.toContain('<strong>');
  });

  it('ranks a name match above a description match', async () => {
    expect(await searchNames(t, shop, 'walnut')).toEqual(['Walnut Desk Organizer', 'Desk Lamp']);
  });

  it('never returns drafts, archived products, products published in the future or without variants, nor another store’s', async () => {
    expect(await searchNames(t, shop, 'headphones')).toEqual(['Headphones']);
    expect(await searchNames(t, other, 'headphones')).toEqual(['Headphones Elsewhere']);
    expect(await searchNames(t, shop, 'elsewhere')).toEqual([]);
  });

  it('describes each result: slug, brand, price range, first image (its thumbnail) and snippet', async () => {
    await t.database.pool.query(
      `insert into product_images (id, tenant_id, product_id, storage_key, original_name, mime, width, height, alt, position, renditions)
       values ($1, $2, $3, 'products/second.jpg', 'b.jpg', 'image/jpeg', 800, 800, 'Back', 2, '[]'),
              ($4, $2, $3, 'products/first.jpg', 'a.jpg', 'image/jpeg', 800, 800, 'Front', 1, $5)`,
      [uuidv7(), shop.storeId, ids.speaker, uuidv7(), JSON.stringify([{ name: 'thumb', width: 160, height: 160, mime: 'image/webp', storageKey: 'products/first-thumb.webp', byteSize: 100 }])],
    );
    const [hit] = (await storeGet(t, shop, '/search?q=bluetooth')).json().data as Hit[];
    expect(hit).toMatchObject({
      id: ids.speaker,
      slug: 'bluetooth-speaker',
      brand: { name: 'Sonora', slug: 'sonora' },
      price: { min: eur(4900), max: eur(5900) },
      image: { url: `${t.config.publicUrl}/media/products/first-thumb.webp`, alt: 'Front' },
    });
    expect((await storeGet(t, shop, '/search?q=headphones')).json().data[0]).toMatchObject({ brand: null, image: null, snippet: 'Closed-back, for studio work.' });
  });

  it('pages through ranked results with an opaque cursor, each result once', async () => {
    const s = await makeShop(t, 'search-pages');
    for (let i = 0; i < 23; i++) await addProduct(t, s.storeId, `Widget ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await storeGet(t, s, `/search?q=widget&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { data: Hit[]; nextCursor: string | null };
      seen.push(...page.data.map((h) => h.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(23);

    const first = (await storeGet(t, s, '/search?q=widget&limit=10')).json().nextCursor as string;
    const elsewhere = await storeGet(t, s, `/search?q=gadget&cursor=${first}`);
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toMatchObject({ code: 'SEARCH_CURSOR_INVALID', errors: [{ path: 'querystring.cursor' }] });
  });

  it('answers 422 naming q when it is missing, blank or longer than 200 characters', async () => {
    for (const query of ['', '?q=', '?q=%20%20%20', `?q=${'x'.repeat(201)}`]) {
      const res = await storeGet(t, shop, `/search${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'querystring.q' })]);
    }
    expect((await storeGet(t, shop, `/search?q=${'x'.repeat(200)}`)).statusCode).toBe(200);
    expect((await storeGet(t, shop, '/search?q=walnut&limit=51')).json().errors).toEqual([expect.objectContaining({ path: 'querystring.limit' })]);
  });

  it('takes any characters safely, tsquery syntax and LIKE wildcards included', async () => {
    for (const q of ["it's", 'a & b | !c', 'x:* (y', '\\', '%', '___', "head'", 'the']) {
      const res = await storeGet(t, shop, `/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
    expect(await searchNames(t, shop, '%')).toEqual([]);
  });

  it('needs a publishable key or a store host', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/store/search?q=head' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('STOREFRONT_UNAUTHENTICATED');
  });

  it('sends an ETag and answers 304 while it is current, a new one after a change', async () => {
    const first = await storeGet(t, shop, '/search?q=walnut');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(String(first.headers.vary)).toMatch(/X-Publishable-Key/);
    expect(String(first.headers.vary)).toMatch(/Host/);
    const again = await storeGet(t, shop, '/search?q=walnut', { headers: { 'if-none-match': `W/${etag}, "other"` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    await admin(t, shop.storeId, 'PATCH', `/catalog/products/${ids.lamp}`, { name: 'Desk Lamp Classic' });
    const changed = await storeGet(t, shop, '/search?q=walnut', { headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.json().data as Hit[]).map((h) => h.name)).toEqual(['Walnut Desk Organizer', 'Desk Lamp Classic']);
  });
});
