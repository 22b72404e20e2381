import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogTasks } from '../../src/modules/catalog/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { startJobRunner } from '../../src/platform/jobs/job-runner.ts';
import { buildTestApp, testConfig, type TestApp } from '../app.ts';
import { form, picture, temporaryFolder } from '../catalog/images/image-fixtures.ts';
import { waitFor } from '../jobs/harness.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { publishableKeyOf, seedCatalog, storefront, type ProductSeed } from './catalog-fixtures.ts';

/**
 * The listing reads each product's card as triggers keep it (migration 0020).
 * With the response cache off, every answer is built from the database, so
 * anything stale here is a card the triggers did not rebuild.
 */

type Money = { amount: number; currency: string };
type Variant = { id: string; sku: string; options: Record<string, string>; price: Money; compareAtPrice: Money | null; availability: string };
type Item = {
  id: string;
  slug: string;
  name: string;
  featured: boolean;
  brand: { slug: string; name: string } | null;
  priceRange: { min: Money; max: Money };
  compareAtPrice: Money | null;
  image: { url: string; alt: string; width: number; height: number } | null;
  variants: Variant[];
};
type Detail = Omit<Item, 'image'> & { images: Array<{ id: string; url: string }> };

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

let t: TestApp;
let media: Awaited<ReturnType<typeof temporaryFolder>>;

beforeAll(async () => {
  media = await temporaryFolder('winkel-listing-cards-');
  t = await buildTestApp({ env: { STOREFRONT_CACHE_TTL_SECONDS: '0', STORAGE_DISK_PATH: media.path }, bearerVerifiers: [testRoleVerifier()] });
});
afterAll(async () => {
  await t.close();
  await media.remove();
});

let handles = 0;

/** A store of its own with these products, and the calls a test makes against it. */
async function shop(products: ProductSeed[], brands: string[] = []) {
  const tenantId = await createStore(t.database, `listing-cards-${++handles}`);
  const ids = await seedCatalog(t.database, tenantId, { categories: [], brands, products });
  const key = await publishableKeyOf(t, tenantId);
  const admin = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>, expected = method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200) => {
    const res = await t.app.inject({ method, url: `/api/v1/admin${url}`, headers: as('manager', tenantId), ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
    return res.statusCode === 204 ? null : res.json();
  };
  const listing = async (query = '') => {
    const res = await storefront(t, key, `/products?sort=name&limit=100${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-cache']).not.toBe('HIT');
    return (res.json() as { data: Item[] }).data;
  };
  const item = async (slug: string) => {
    const found = (await listing()).find((p) => p.slug === slug);
    if (!found) throw new Error(`no listing item ${slug}`);
    return found;
  };
  const detail = async (slug: string) => {
    const res = await storefront(t, key, `/products/${slug}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Detail;
  };
  const brandIds = async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/catalog/brands?limit=100', headers: as('manager', tenantId) });
    return new Map((res.json() as { data: Array<{ id: string; slug: string }> }).data.map((b) => [b.slug, b.id]));
  };
  return { ...ids, key, admin, listing, item, detail, brandIds };
}

/** The product's stored card and variant ids, read past row-level security as platform work would. */
async function storedCard(productId: string) {
  const rows = await inTransaction(t.database.db, { tenantId: null, platform: true }, async (tx) =>
    (await tx.execute<{ card: { variants: Array<{ id: string }> }; variant_ids: string[] }>(sql`select storefront_card as card, storefront_variant_ids as variant_ids from products where id = ${productId}`)).rows,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const skus = (variants: Array<{ sku: string }>) => variants.map((v) => v.sku);

describe('storefront listing cards follow product changes', () => {
  it('shows a rename (which brings a new slug), a slug of its own choosing and a featured toggle at once', async () => {
    const s = await shop([{ name: 'Tee', variants: [{ sku: 'TEE-1', price: 1500 }] }]);
    const tee = s.productIds.get('tee')!;
    const slugs = async () => (await s.listing()).map((p) => p.slug);
    const redirect = async (from: string) => {
      const res = await storefront(t, s.key, `/products/${from}`);
      return [res.statusCode, res.headers.location];
    };

    await s.admin('PATCH', `/catalog/products/${tee}`, { name: 'Plain Tee' });
    expect(await slugs()).toEqual(['plain-tee']);
    expect(await s.item('plain-tee')).toMatchObject({ id: tee, name: 'Plain Tee', featured: false });
    expect((await s.detail('plain-tee')).name).toBe('Plain Tee');

    await s.admin('PATCH', `/catalog/products/${tee}`, { slug: 'basic-tee' });
    expect(await slugs()).toEqual(['basic-tee']);
    expect((await s.item('basic-tee')).name).toBe('Plain Tee');
    expect(await redirect('plain-tee')).toEqual([301, '/api/v1/store/products/basic-tee']);
    expect(await redirect('tee')).toEqual([301, '/api/v1/store/products/basic-tee']);

    await s.admin('PATCH', `/catalog/products/${tee}`, { featured: true });
    expect((await s.item('basic-tee')).featured).toBe(true);
    expect((await s.listing('&featured=true')).map((p) => p.slug)).toEqual(['basic-tee']);
    await s.admin('PATCH', `/catalog/products/${tee}`, { featured: false });
    expect((await s.item('basic-tee')).featured).toBe(false);
    expect((await s.detail('basic-tee')).featured).toBe(false);
  });

  it('lists a product made through the admin API with its variants', async () => {
    const s = await shop([{ name: 'Tee', variants: [{ sku: 'TEE-1', price: 1500 }] }]);
    await s.admin('POST', '/catalog/products', {
      name: 'Cap',
      status: 'active',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      variants: [
        { sku: 'CAP-S', optionValues: { size: 'S' }, price: eur(900), trackStock: false },
        { sku: 'CAP-L', optionValues: { size: 'L' }, price: eur(1100), trackStock: false, position: 1 },
      ],
    });
    expect(await s.item('cap')).toMatchObject({
      name: 'Cap',
      brand: null,
      image: null,
      priceRange: { min: eur(900), max: eur(1100) },
      variants: [
        { sku: 'CAP-S', options: { size: 'S' }, price: eur(900), availability: 'in_stock' },
        { sku: 'CAP-L', options: { size: 'L' }, price: eur(1100), availability: 'in_stock' },
      ],
    });
  });
});

describe('storefront listing cards follow brand changes', () => {
  it('shows a renamed brand on each of its products, a product moved to another brand, and no brand once it is deleted', async () => {
    const s = await shop(
      [
        { name: 'Tee', brand: 'acme', variants: [{ sku: 'TEE-1', price: 1500 }] },
        { name: 'Cap', brand: 'acme', variants: [{ sku: 'CAP-1', price: 900 }] },
        { name: 'Mug', brand: 'globex', variants: [{ sku: 'MUG-1', price: 800 }] },
        { name: 'Poster', variants: [{ sku: 'POSTER-1', price: 1200 }] },
      ],
      ['acme', 'globex'],
    );
    const brands = await s.brandIds();
    const brandsShown = async () => Object.fromEntries((await s.listing()).map((p) => [p.slug, p.brand]));

    await s.admin('PATCH', `/catalog/brands/${brands.get('acme')}`, { name: 'Acme Works', slug: 'acme-works' });
    const acmeWorks = { slug: 'acme-works', name: 'Acme Works' };
    const globex = { slug: 'globex', name: 'GLOBEX' };
    expect(await brandsShown()).toEqual({ cap: acmeWorks, mug: globex, poster: null, tee: acmeWorks });
    expect((await s.detail('tee')).brand).toEqual(acmeWorks);
    expect((await s.listing('&brand=acme-works')).map((p) => p.slug)).toEqual(['cap', 'tee']);

    await s.admin('PATCH', `/catalog/products/${s.productIds.get('tee')}`, { brandId: brands.get('globex') });
    expect(await brandsShown()).toEqual({ cap: acmeWorks, mug: globex, poster: null, tee: globex });

    await s.admin('DELETE', `/catalog/brands/${brands.get('acme')}`);
    expect(await brandsShown()).toEqual({ cap: null, mug: globex, poster: null, tee: globex });
    expect((await s.detail('cap')).brand).toBeNull();
  });
});

describe('storefront listing cards follow variant changes', () => {
  it('shows new prices, compare-at prices, SKUs and option values', async () => {
    const s = await shop([
      {
        name: 'Tee',
        variants: [
          { sku: 'TEE-S', price: 1500, options: { size: 'S' }, stock: [10] },
          { sku: 'TEE-M', price: 1500, options: { size: 'M' }, stock: [10] },
        ],
      },
    ]);
    const tee = s.productIds.get('tee')!;
    const variantUrl = (sku: string) => `/catalog/products/${tee}/variants/${s.variantIds.get(sku)}`;

    await s.admin('PATCH', variantUrl('TEE-M'), { price: eur(1800), compareAtPrice: eur(2400) });
    expect(await s.item('tee')).toMatchObject({
      priceRange: { min: eur(1500), max: eur(1800) },
      compareAtPrice: eur(2400),
      variants: [
        { sku: 'TEE-S', price: eur(1500), compareAtPrice: null },
        { sku: 'TEE-M', price: eur(1800), compareAtPrice: eur(2400) },
      ],
    });
    expect((await s.detail('tee')).priceRange).toEqual({ min: eur(1500), max: eur(1800) });

    await s.admin('PATCH', variantUrl('TEE-M'), { compareAtPrice: null });
    expect((await s.item('tee')).compareAtPrice).toBeNull();

    await s.admin('PATCH', variantUrl('TEE-S'), { sku: 'TEE-SMALL', optionValues: { size: 'Small' } });
    const renamed = await s.item('tee');
    expect(renamed.variants.map((v) => [v.id, v.sku, v.options])).toEqual([
      [s.variantIds.get('TEE-S'), 'TEE-SMALL', { size: 'Small' }],
      [s.variantIds.get('TEE-M'), 'TEE-M', { size: 'M' }],
    ]);
    expect(skus((await s.detail('tee')).variants)).toEqual(['TEE-SMALL', 'TEE-M']);
  });

  it('shows a variant added, variants reordered by position, and a variant deleted', async () => {
    const s = await shop([
      {
        name: 'Tee',
        variants: [
          { sku: 'TEE-S', price: 1500, options: { size: 'S' }, stock: [10] },
          { sku: 'TEE-M', price: 1600, options: { size: 'M' }, stock: [10] },
        ],
      },
    ]);
    const tee = s.productIds.get('tee')!;

    const large = (await s.admin('POST', `/catalog/products/${tee}/variants`, { sku: 'TEE-L', optionValues: { size: 'L' }, price: eur(2000), position: 2 })) as { id: string };
    expect(await s.item('tee')).toMatchObject({
      priceRange: { min: eur(1500), max: eur(2000) },
      variants: [
        { sku: 'TEE-S', availability: 'in_stock' },
        { sku: 'TEE-M', availability: 'in_stock' },
        { id: large.id, sku: 'TEE-L', options: { size: 'L' }, price: eur(2000), availability: 'out' },
      ],
    });

    await s.admin('PATCH', `/catalog/products/${tee}/variants/${s.variantIds.get('TEE-S')}`, { position: 3 });
    expect(skus((await s.item('tee')).variants)).toEqual(['TEE-M', 'TEE-L', 'TEE-S']);
    expect(skus((await s.detail('tee')).variants)).toEqual(['TEE-M', 'TEE-L', 'TEE-S']);

    await s.admin('DELETE', `/catalog/products/${tee}/variants/${large.id}`);
    const after = await s.item('tee');
    expect(skus(after.variants)).toEqual(['TEE-M', 'TEE-S']);
    expect(after.priceRange).toEqual({ min: eur(1500), max: eur(1600) });
    expect((await storedCard(tee)).variant_ids).toEqual([s.variantIds.get('TEE-M'), s.variantIds.get('TEE-S')]);
  });
});

describe('storefront listing cards follow image changes', () => {
  it('shows the first image by position: uploaded, reordered, moved and deleted', async () => {
    const s = await shop([{ name: 'Tee', variants: [{ sku: 'TEE-1', price: 1500 }] }]);
    const tee = s.productIds.get('tee')!;
    const upload = async (name: string, alt: string, width: number, height: number) => {
      const body = form({ alt }, { name, bytes: await picture('png', width, height), type: 'image/png' });
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${tee}/images`, headers: { ...as('manager', s.tenantId), ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; url: string };
    };
    const shownImage = async () => (await s.item('tee')).image;

    expect(await shownImage()).toBeNull();
    const front = await upload('front.png', 'Front', 64, 48);
    expect(await shownImage()).toMatchObject({ url: front.url, alt: 'Front', width: 64, height: 48 });

    const back = await upload('back.png', 'Back', 40, 40);
    expect((await shownImage())?.url).toBe(front.url);

    await s.admin('PUT', `/catalog/products/${tee}/images/order`, { ids: [back.id, front.id] });
    expect(await shownImage()).toMatchObject({ url: back.url, alt: 'Back', width: 40, height: 40 });
    expect((await s.detail('tee')).images.map((i) => i.id)).toEqual([back.id, front.id]);

    await s.admin('PATCH', `/catalog/images/${front.id}`, { position: 0 });
    expect((await shownImage())?.url).toBe(front.url);

    await s.admin('PATCH', `/catalog/images/${front.id}`, { alt: 'The front' });
    expect((await shownImage())?.alt).toBe('The front');

    await s.admin('DELETE', `/catalog/images/${front.id}`);
    expect((await shownImage())?.url).toBe(back.url);
    await s.admin('DELETE', `/catalog/images/${back.id}`);
    expect(await shownImage()).toBeNull();
    expect((await s.detail('tee')).images).toEqual([]);
  });
});

describe('storefront listing stock', () => {
  it('shows receipts and adjustments at once, and a product whose tracked variants have nothing as out', async () => {
    const s = await shop([
      {
        name: 'Tee',
        variants: [
          { sku: 'TEE-S', price: 1500, options: { size: 'S' }, stock: [0, 0] },
          { sku: 'TEE-M', price: 1500, options: { size: 'M' }, stock: [0] },
        ],
      },
      { name: 'Mug', variants: [{ sku: 'MUG-1', price: 800, trackStock: false }] },
    ]);
    const availability = async () => (await s.item('tee')).variants.map((v) => [v.sku, v.availability]);
    const inStockSlugs = async () => (await s.listing('&inStock=true')).map((p) => p.slug);
    const small = s.variantIds.get('TEE-S');

    expect(await availability()).toEqual([
      ['TEE-S', 'out'],
      ['TEE-M', 'out'],
    ]);
    expect(await inStockSlugs()).toEqual(['mug']);

    await s.admin('POST', '/inventory/receipts', { variantId: small, locationId: s.locationIds[1], quantity: 50 }, 200);
    expect(await availability()).toEqual([
      ['TEE-S', 'in_stock'],
      ['TEE-M', 'out'],
    ]);
    expect(await inStockSlugs()).toEqual(['mug', 'tee']);

    await s.admin('POST', '/inventory/adjustments', { variantId: small, locationId: s.locationIds[1], quantity: -47, reason: 'shelf check' }, 200);
    expect(await availability()).toEqual([
      ['TEE-S', 'low'],
      ['TEE-M', 'out'],
    ]);

    await s.admin('POST', '/inventory/adjustments', { variantId: small, locationId: s.locationIds[1], quantity: -3, reason: 'damaged' }, 200);
    expect(await availability()).toEqual([
      ['TEE-S', 'out'],
      ['TEE-M', 'out'],
    ]);
    expect(await inStockSlugs()).toEqual(['mug']);
  });
});

describe('storefront listing cards under concurrent changes', () => {
  it('keeps every one of ten variants added at the same time, in the listing and in the stored card', async () => {
    const s = await shop([{ name: 'Tee', variants: [{ sku: 'TEE-0', price: 1000, options: { size: '0' }, trackStock: false }] }]);
    const tee = s.productIds.get('tee')!;

    const added = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/admin/catalog/products/${tee}/variants`,
          headers: as('manager', s.tenantId),
          payload: { sku: `TEE-${i + 1}`, optionValues: { size: String(i + 1) }, price: eur(1000 + i + 1), trackStock: false },
        }),
      ),
    );
    expect(added.map((res) => res.statusCode)).toEqual(Array(10).fill(201));
    const addedIds = added.map((res) => (res.json() as { id: string }).id);

    const item = await s.item('tee');
    expect(item.variants).toHaveLength(11);
    expect(new Set(item.variants.map((v) => v.id))).toEqual(new Set([s.variantIds.get('TEE-0'), ...addedIds]));
    expect(item.priceRange).toEqual({ min: eur(1000), max: eur(1010) });

    // All at position 0 but the first, which is also oldest: display order is id order, uuidv7 ids sort by creation.
    const admin = (await (await t.app.inject({ url: `/api/v1/admin/catalog/products/${tee}`, headers: as('manager', s.tenantId) })).json()) as { variants: Array<{ id: string }> };
    const displayOrder = item.variants.map((v) => v.id);
    expect(displayOrder).toEqual(admin.variants.map((v) => v.id));

    const stored = await storedCard(tee);
    expect(stored.variant_ids).toEqual(displayOrder);
    expect(stored.card.variants.map((v) => v.id)).toEqual(displayOrder);
  });
});

describe('storefront listing cards after a CSV import', () => {
  it('shows a price changed by an import once the job has succeeded', async () => {
    // The middle price changes, so the product's price range (whose change alone would rebuild the card) stays as it was.
    const s = await shop([
      {
        name: 'Tee',
        variants: [
          { sku: 'TEE-S', price: 1000, options: { size: 'S' }, trackStock: false },
          { sku: 'TEE-M', price: 1500, options: { size: 'M' }, trackStock: false },
          { sku: 'TEE-L', price: 2000, options: { size: 'L' }, trackStock: false },
        ],
      },
    ]);
    const url = t.config.database.url!;
    const runner = await startJobRunner({ config: testConfig({ WORKER_POLL_MS: '100' }, url), databaseUrl: url, log: t.log, tasks: catalogTasks({ db: t.database.db }) });
    try {
      const queued = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/catalog/imports?dryRun=false&fileName=prices.csv',
        headers: { ...as('manager', s.tenantId), 'content-type': 'text/csv' },
        payload: 'product_slug,sku,price\ntee,TEE-M,12.50\n',
      });
      expect(queued.statusCode, queued.body).toBe(202);
      const jobUrl = `/api/v1/admin/catalog/bulk-jobs/${(queued.json() as { id: string }).id}`;
      let job: { status: string; updatedCount: number } | undefined;
      await waitFor(
        async () => {
          job = (await t.app.inject({ url: jobUrl, headers: as('manager', s.tenantId) })).json();
          return job!.status === 'succeeded' || job!.status === 'failed';
        },
        20_000,
        'the import job',
      );
      expect(job).toMatchObject({ status: 'succeeded', updatedCount: 1 });
    } finally {
      await runner.stop();
    }
    expect(await s.item('tee')).toMatchObject({
      priceRange: { min: eur(1000), max: eur(2000) },
      variants: [
        { sku: 'TEE-S', price: eur(1000) },
        { sku: 'TEE-M', price: eur(1250) },
        { sku: 'TEE-L', price: eur(2000) },
      ],
    });
  });
});

describe('card versions', () => {
  const versionOf = async (productId: string) =>
    inTransaction(t.database.db, { tenantId: null, platform: true }, async (tx) =>
      Number((await tx.execute<{ v: string }>(sql`select storefront_card_version as v from products where id = ${productId}`)).rows[0]!.v),
    );

  it('moves whenever the card changes, by a product, variant or brand change, and stays put for what the card does not show', async () => {
    const s = await shop([{ name: 'Tee', brand: 'acme', variants: [{ sku: 'TEE-1', price: 1500 }] }], ['acme']);
    const tee = s.productIds.get('tee')!;
    const seen = [await versionOf(tee)];
    const changed = async () => {
      const now = await versionOf(tee);
      expect(now).toBeGreaterThan(seen.at(-1)!);
      seen.push(now);
    };
    await s.admin('PATCH', `/catalog/products/${tee}`, { name: 'Plain Tee' });
    await changed();
    await s.admin('PATCH', `/catalog/products/${tee}/variants/${s.variantIds.get('TEE-1')}`, { price: eur(1700) });
    await changed();
    await s.admin('PATCH', `/catalog/brands/${(await s.brandIds()).get('acme')}`, { name: 'Acme Works' });
    await changed();
    await s.admin('PATCH', `/catalog/products/${tee}`, { description: 'Soft cotton', seoTitle: 'A tee' });
    expect(await versionOf(tee)).toBe(seen.at(-1));
    expect(await s.item('plain-tee')).toMatchObject({ name: 'Plain Tee', brand: { name: 'Acme Works' }, priceRange: { min: eur(1700) } });
  });
});
