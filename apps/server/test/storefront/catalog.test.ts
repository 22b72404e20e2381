import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { addImage, addRedirect, publishableKeyOf, seedCatalog, storefront, type ProductSeed } from './catalog-fixtures.ts';

let t: TestApp;
let key: string;
let store: string;
let otherKey: string;
let ids: Awaited<ReturnType<typeof seedCatalog>>;

const socks: ProductSeed[] = Array.from({ length: 24 }, (_, i) => ({
  name: `Sock ${String(i + 1).padStart(2, '0')}`,
  categories: ['tees'],
  brand: 'globex',
  // Prices repeat, so sorting by price must break ties by id without losing or repeating a product.
  variants: [{ sku: `SOCK-${i + 1}`, price: 400 + (i % 4) * 100, stock: [20] }],
}));

const catalog = {
  categories: [
    ['apparel', null],
    ['tops', 'apparel'],
    ['tees', 'tops'],
    ['home', null],
    ['mugs', 'home'],
  ] as Array<[string, string | null]>,
  brands: ['acme', 'globex', 'initech'],
  products: [
    {
      name: 'Basic Tee',
      categories: ['tees'],
      brand: 'acme',
      attributes: { colour: 'blue', material: 'cotton' },
      variants: [
        { sku: 'TEE-S', price: 1500, options: { size: 'S' }, stock: [10, 0] },
        { sku: 'TEE-M', price: 1500, options: { size: 'M' }, stock: [0, 2] },
        { sku: 'TEE-L', price: 1700, options: { size: 'L' }, stock: [0, 0] },
      ],
    },
    { name: 'Fancy Top', categories: ['tops'], brand: 'globex', attributes: { colour: 'red' }, variants: [{ sku: 'TOP-1', price: 3000, compareAt: 4000, stock: [3, 4] }] },
    { name: 'Hoodie', categories: ['apparel'], brand: 'acme', featured: true, attributes: { colour: 'blue', material: 'wool' }, variants: [{ sku: 'HOOD-1', price: 5000, stock: [0] }] },
    { name: 'Mug', categories: ['mugs'], brand: 'initech', attributes: { colour: 'white' }, variants: [{ sku: 'MUG-1', price: 800, trackStock: false }] },
    { name: 'Poster', variants: [{ sku: 'POSTER-1', price: 1200, stock: [1] }] },
    { name: 'Secret', status: 'draft', categories: ['tees'], brand: 'acme', variants: [{ sku: 'SECRET-1', price: 100, stock: [5] }] },
    { name: 'Old Thing', status: 'archived', categories: ['tees'], brand: 'acme', variants: [{ sku: 'OLD-1', price: 100, stock: [5] }] },
    { name: 'Coming Soon', publishedInMinutes: 24 * 60, categories: ['tees'], brand: 'acme', variants: [{ sku: 'SOON-1', price: 100, stock: [5] }] },
    { name: 'Unpublished', publishedInMinutes: null, categories: ['tees'], variants: [{ sku: 'UNPUB-1', price: 100, stock: [5] }] },
    ...socks,
  ] satisfies ProductSeed[],
};
const VISIBLE = 5 + socks.length;

const get = (path: string, headers?: Record<string, string>) => storefront(t, key, path, headers);
const slugsOf = (res: { json(): unknown }) => (res.json() as { data: Array<{ slug: string }> }).data.map((p) => p.slug);

/** Every page of a listing, following nextCursor. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await get(`/products?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: Array<{ slug: string }>; nextCursor: string | null };
    expect(body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...body.data.map((p) => p.slug));
    if (!body.nextCursor) return seen;
    cursor = body.nextCursor;
  }
  throw new Error('pagination did not end');
}

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'storefront-catalog');
  ids = await seedCatalog(t.database, store, catalog);
  key = await publishableKeyOf(t, store);
  await addImage(t.database, store, ids.productIds.get('basic-tee')!, `${store}/basic tee/photo.jpg`);
  await addRedirect(t.database, store, ids.productIds.get('basic-tee')!, 'plain-tee');
  await addRedirect(t.database, store, ids.productIds.get('secret')!, 'old-secret');
  const other = await createStore(t.database, 'storefront-catalog-other');
  await seedCatalog(t.database, other, { categories: [['tees', null]], brands: ['acme'], products: [{ name: 'Foreign Tee', categories: ['tees'], brand: 'acme', variants: [{ sku: 'F-1', price: 100, stock: [5] }] }] });
  otherKey = await publishableKeyOf(t, other);
});
afterAll(() => t.close());

describe('storefront product listing', () => {
  it('shows only active products published by now, of this store', async () => {
    const all = await walk('sort=name', 100);
    expect(all).toHaveLength(VISIBLE);
    for (const hidden of ['secret', 'old-thing', 'coming-soon', 'unpublished', 'foreign-tee']) expect(all).not.toContain(hidden);
    expect(slugsOf(await storefront(t, otherKey, '/products'))).toEqual(['foreign-tee']);
  });

  it('answers 401 without a valid publishable key', async () => {
    const res = await t.app.inject({ url: '/api/v1/store/products' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'STOREFRONT_UNAUTHENTICATED' });
  });

  it('lists each product with brand, price range, compare-at price, first image and variants with availability', async () => {
    const res = await get('/products?sort=name&limit=3');
    const [basic] = res.json().data;
    expect(basic).toMatchObject({
      slug: 'basic-tee',
      name: 'Basic Tee',
      brand: { slug: 'acme', name: 'ACME' },
      featured: false,
      priceRange: { min: { amount: 1500, currency: 'EUR' }, max: { amount: 1700, currency: 'EUR' } },
      compareAtPrice: null,
      variants: [
        { sku: 'TEE-S', options: { size: 'S' }, price: { amount: 1500, currency: 'EUR' }, availability: 'in_stock' },
        { sku: 'TEE-M', availability: 'low' },
        { sku: 'TEE-L', availability: 'out' },
      ],
    });
    expect(basic.variants[0]).not.toHaveProperty('quantity');
    expect(basic.image).toMatchObject({ alt: 'A photo', width: 1200, height: 900 });
    expect(basic.image.thumbUrl).toBe(`${t.config.publicUrl}/media/${store}/basic%20tee/photo.jpg.thumb.webp`);
    expect(basic.image.url).toBe(`${t.config.publicUrl}/media/${store}/basic%20tee/photo.jpg`);
    const top = (await get('/products?sort=name&limit=100')).json().data.find((p: { slug: string }) => p.slug === 'fancy-top');
    expect(top).toMatchObject({ compareAtPrice: { amount: 4000, currency: 'EUR' }, image: null, variants: [{ availability: 'in_stock', compareAtPrice: { amount: 4000, currency: 'EUR' } }] });
  });

  it('filters by category including the categories below it', async () => {
    expect((await walk('category=apparel&sort=name', 100)).sort()).toEqual(['basic-tee', 'fancy-top', 'hoodie', ...socks.map((s) => s.name.toLowerCase().replace(' ', '-'))].sort());
    expect(await walk('category=tops&sort=name', 100)).toEqual(expect.arrayContaining(['basic-tee', 'fancy-top']));
    expect(await walk('category=tops&sort=name', 100)).not.toContain('hoodie');
    expect(slugsOf(await get('/products?category=home'))).toEqual(['mug']);
    expect(slugsOf(await get('/products?category=no-such-category'))).toEqual([]);
  });

  it('filters by brand (repeated or comma list), price range, attributes, stock and featured', async () => {
    expect((await walk('brand=acme&sort=name', 100))).toEqual(['basic-tee', 'hoodie']);
    expect((await walk('brand=acme,initech&sort=name', 100))).toEqual(['basic-tee', 'hoodie', 'mug']);
    expect((await walk('brand=acme&brand=initech&sort=name', 100))).toEqual(['basic-tee', 'hoodie', 'mug']);
    expect((await walk('minPrice=1000&maxPrice=3000&sort=name', 100))).toEqual(['basic-tee', 'fancy-top', 'poster']);
    expect((await walk('attr.colour=blue&sort=name', 100))).toEqual(['basic-tee', 'hoodie']);
    expect((await walk('attr.colour=blue&attr.colour=white&sort=name', 100))).toEqual(['basic-tee', 'hoodie', 'mug']);
    expect((await walk('attr.colour=blue&attr.material=wool', 100))).toEqual(['hoodie']);
    expect((await walk('inStock=true&brand=acme,initech&sort=name', 100))).toEqual(['basic-tee', 'mug']);
    expect((await walk('featured=true', 100))).toEqual(['hoodie']);
  });

  it('refuses bad filters with 422 naming the field', async () => {
    for (const [query, field] of [
      ['minPrice=-1', 'querystring.minPrice'],
      ['minPrice=500&maxPrice=100', 'querystring.maxPrice'],
      ['sort=cheapest', 'querystring.sort'],
      ['limit=101', 'querystring.limit'],
      ['colour=blue', 'querystring.colour'],
      ['brand=Not%20A%20Slug', 'querystring.brand'],
      ['cursor=garbage', 'querystring.cursor'],
      ['inStock=maybe', 'querystring.inStock'],
    ]) {
      const res = await get(`/products?${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path), query).toContain(field);
    }
  });

  it('sorts by newest, price both ways and name', async () => {
    const newest = await walk('sort=newest', 100);
    // The seed publishes each product a minute before the one listed before it.
    expect(newest.slice(0, 2)).toEqual(['basic-tee', 'fancy-top']);
    const priced = (await get('/products?sort=price_asc&limit=100')).json().data.map((p: { priceRange: { min: { amount: number } } }) => p.priceRange.min.amount);
    expect(priced).toEqual([...priced].sort((a, b) => a - b));
    const desc = (await get('/products?sort=price_desc&limit=100')).json().data.map((p: { priceRange: { min: { amount: number } } }) => p.priceRange.min.amount);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const names = await walk('sort=name', 100);
    expect(names).toEqual([...names].sort());
  });

  it('walks every page of every sort without duplicates or gaps', async () => {
    for (const sort of ['newest', 'price_asc', 'price_desc', 'name']) {
      const whole = await walk(`sort=${sort}`, 100);
      const paged = await walk(`sort=${sort}`, 4);
      expect(paged, sort).toEqual(whole);
      expect(new Set(paged).size, sort).toBe(VISIBLE);
    }
    expect(await walk('sort=price_asc&category=tees', 5)).toEqual(await walk('sort=price_asc&category=tees', 100));
  });

  it('refuses a cursor of another sort', async () => {
    const cursor = (await get('/products?sort=name&limit=2')).json().nextCursor as string;
    const res = await get(`/products?sort=price_asc&cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('querystring.cursor');
  });
});

describe('storefront facets', () => {
  it('counts brands, categories (with descendants), attribute values, price range and stock over the visible products', async () => {
    const res = await get('/products/facets');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.total).toBe(VISIBLE);
    expect(f.brands).toEqual([
      { slug: 'acme', name: 'ACME', count: 2 },
      { slug: 'globex', name: 'GLOBEX', count: 1 + socks.length },
      { slug: 'initech', name: 'INITECH', count: 1 },
    ]);
    expect(f.categories).toEqual(
      expect.arrayContaining([
        { slug: 'apparel', name: 'apparel', parentSlug: null, count: 3 + socks.length },
        { slug: 'tops', name: 'tops', parentSlug: 'apparel', count: 2 + socks.length },
        { slug: 'tees', name: 'tees', parentSlug: 'tops', count: 1 + socks.length },
        { slug: 'home', name: 'home', parentSlug: null, count: 1 },
        { slug: 'mugs', name: 'mugs', parentSlug: 'home', count: 1 },
      ]),
    );
    expect(f.attributes).toEqual([
      { name: 'colour', values: [{ value: 'blue', count: 2 }, { value: 'red', count: 1 }, { value: 'white', count: 1 }] },
      { name: 'material', values: [{ value: 'cotton', count: 1 }, { value: 'wool', count: 1 }] },
    ]);
    expect(f.price).toEqual({ min: 400, max: 5000 });
    // Hoodie is out of stock; everything else has a variant in stock (the mug does not track stock).
    expect(f.inStock).toBe(VISIBLE - 1);
  });

  it('counts each facet without its own filter, and with every other one', async () => {
    const f = (await get('/products/facets?brand=acme&attr.colour=blue&inStock=true')).json();
    expect(f.total).toBe(1); // basic-tee
    // Brands ignore the brand filter: blue and in stock → only basic-tee (acme).
    expect(f.brands).toEqual([{ slug: 'acme', name: 'ACME', count: 1 }]);
    // Colours ignore the colour filter: acme and in stock → basic-tee (blue).
    expect(f.attributes.find((a: { name: string }) => a.name === 'colour').values).toEqual([{ value: 'blue', count: 1 }]);
    // Stock ignores the stock filter: acme and blue → basic-tee, hoodie; one of them in stock.
    expect(f.inStock).toBe(1);
    const widened = (await get('/products/facets?brand=initech')).json();
    expect(widened.total).toBe(1);
    expect(widened.brands.map((b: { slug: string }) => b.slug)).toEqual(['acme', 'globex', 'initech']);
    expect(widened.price).toEqual({ min: 800, max: 800 });
  });
});

describe('storefront product page', () => {
  it('shows the product with variants, options, images, categories with breadcrumbs and SEO fields', async () => {
    const res = await get('/products/basic-tee');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      slug: 'basic-tee',
      description: '<p>Basic Tee</p>',
      brand: { slug: 'acme' },
      attributes: { colour: 'blue', material: 'cotton' },
      options: [{ name: 'size', values: ['S', 'M', 'L'] }],
      priceRange: { min: { amount: 1500 }, max: { amount: 1700 } },
      categories: [{ slug: 'tees', breadcrumbs: [{ slug: 'apparel' }, { slug: 'tops' }, { slug: 'tees' }] }],
      seoTitle: null,
    });
    expect(p.variants.map((v: { availability: string }) => v.availability)).toEqual(['in_stock', 'low', 'out']);
    expect(p.images).toHaveLength(1);
    expect(p.images[0].renditions.map((r: { name: string }) => r.name)).toEqual(['thumb', 'medium']);
  });

  it('redirects an old slug to the current one with 301', async () => {
    const res = await get('/products/plain-tee');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/api/v1/store/products/basic-tee');
  });

  it('answers 404 for unknown, draft, archived, future, unpublished and other stores’ products, and old slugs of hidden ones', async () => {
    for (const slug of ['no-such-thing', 'secret', 'old-thing', 'coming-soon', 'unpublished', 'foreign-tee', 'old-secret']) {
      const res = await get(`/products/${slug}`);
      expect(res.statusCode, slug).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('STOREFRONT_PRODUCT_NOT_FOUND');
    }
  });

  it('shows stock quantities only when the store allows it, and applies its low-stock threshold', async () => {
    const patch = (settings: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: as('owner', store), payload: { settings } });
    expect((await patch({ showStockQuantities: true, lowStockDisplayThreshold: 1 })).statusCode).toBe(200);
    try {
      await expect.poll(async () => (await get('/products/basic-tee')).json().variants[0].quantity, { timeout: 2_000 }).toBe(10);
      const variants = (await get('/products/basic-tee')).json().variants;
      expect(variants.map((v: { availability: string; quantity: number }) => [v.availability, v.quantity])).toEqual([
        ['in_stock', 10],
        ['in_stock', 2],
        ['out', 0],
      ]);
      const mug = (await get('/products/mug')).json().variants[0];
      expect(mug).toMatchObject({ availability: 'in_stock' });
      expect(mug).not.toHaveProperty('quantity');
    } finally {
      await patch({ showStockQuantities: false, lowStockDisplayThreshold: 5 });
    }
  });
});

describe('storefront categories', () => {
  it('returns the tree with counts of visible products including descendants', async () => {
    const res = await get('/categories');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      data: [
        {
          slug: 'apparel',
          name: 'apparel',
          description: null,
          productCount: 3 + socks.length,
          children: [{ slug: 'tops', name: 'tops', description: null, productCount: 2 + socks.length, children: [{ slug: 'tees', name: 'tees', description: null, productCount: 1 + socks.length, children: [] }] }],
        },
        { slug: 'home', name: 'home', description: null, productCount: 1, children: [{ slug: 'mugs', name: 'mugs', description: null, productCount: 1, children: [] }] },
      ],
      nextCursor: null,
    });
    const first = (await get('/categories?limit=1')).json();
    expect(first.data.map((c: { slug: string }) => c.slug)).toEqual(['apparel']);
    const second = (await get(`/categories?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second).toMatchObject({ data: [{ slug: 'home' }], nextCursor: null });
  });
});

describe('storefront HTTP caching', () => {
  it('sends a strong ETag, Cache-Control and Vary, and 304 for a matching If-None-Match', async () => {
    const res = await get('/products?sort=name');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(String(res.headers.vary)).toContain('X-Publishable-Key, Host, Accept-Encoding');
    const again = await get('/products?sort=name', { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(res.headers.etag);
    expect((await get('/products?sort=name', { 'if-none-match': `W/${res.headers.etag}` })).statusCode).toBe(304);
    expect((await get('/products?sort=name', { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('serves the same bytes from the cache on the second request', async () => {
    const first = await get('/products?sort=price_asc&limit=7');
    const second = await get('/products?sort=price_asc&limit=7');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
  });
});

describe('storefront API document', () => {
  it('describes the listing filters and the product page', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> };
    const listing = doc.paths['/api/v1/store/products']!.get!;
    expect(listing.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['category', 'brand', 'minPrice', 'maxPrice', 'inStock', 'featured', 'sort', 'limit', 'cursor']));
    expect(Object.keys(doc.paths['/api/v1/store/products/{slug}']!.get!.responses)).toEqual(expect.arrayContaining(['200', '301']));
    expect(doc.paths['/api/v1/store/products/facets']).toBeDefined();
    expect(doc.paths['/api/v1/store/categories']).toBeDefined();
  });
});
