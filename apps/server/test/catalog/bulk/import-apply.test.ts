import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/platform/db/transaction.ts';
import { waitFor } from '../../jobs/harness.ts';
import { createStore } from '../../security/fixtures.ts';
import { bulkHarness, csvOf, type BulkHarness } from './bulk-fixtures.ts';

let h: BulkHarness;
let mugs: string;
let kitchen: string;
let acme: string;

type Product = { id: string; slug: string; name: string; description: string; status: string; featured: boolean; brandId: string | null; categoryIds: string[]; tags: string[]; attributes: Record<string, string>; seoTitle: string | null; publishedAt: string | null; variants: Array<Record<string, unknown> & { sku: string }> };

async function productBySlug(slug: string): Promise<Product> {
  const list = (await h.api('GET', `/products?q=${encodeURIComponent(slug.split('-')[0]!)}&limit=100`)).json() as { data: Array<{ id: string; slug: string }> };
  const found = list.data.find((p) => p.slug === slug);
  if (!found) throw new Error(`no product ${slug}`);
  return (await h.api('GET', `/products/${found.id}`)).json() as Product;
}

beforeAll(async () => {
  h = await bulkHarness('bulk-apply');
  mugs = ((await h.api('POST', '/categories', { name: 'Mugs', slug: 'mugs' })).json() as { id: string }).id;
  kitchen = ((await h.api('POST', '/categories', { name: 'Kitchen', slug: 'kitchen' })).json() as { id: string }).id;
  acme = ((await h.api('POST', '/brands', { name: 'Acme Ltd', slug: 'acme' })).json() as { id: string }).id;
});
afterAll(() => h?.close());

const HEADER = ['product_slug', 'name', 'description', 'status', 'featured', 'brand', 'categories', 'tags', 'attributes', 'seo_title', 'sku', 'option1_name', 'option1_value', 'price', 'compare_at_price', 'cost_price', 'weight_grams', 'tax_class', 'track_stock'];

describe('catalog CSV import: writing', () => {
  it('creates products with their variants, categories, brand, tags and attributes, and audits the import', async () => {
    const csv = csvOf([
      HEADER,
      ['tea-mug', 'Tea mug', '<p>Holds <b>tea</b><script>x()</script></p>', 'active', 'yes', 'Acme Ltd', 'mugs|kitchen', 'gift|ceramic', 'material=stoneware|volume=350 ml', 'Tea mug', 'TEA-S', 'size', 'S', '12.99', '15.00', '4.10', '350', 'reduced', 'true'],
      ['tea-mug', '', '', '', '', '', '', '', '', '', 'TEA-L', 'size', 'L', '14.5', '', '', '500', '', 'false'],
      ['plain-plate', 'Plain plate', '', '', '', '', '', '', '', '', 'PLATE-1', '', '', '7', '', '', '', '', ''],
    ]);
    const job = await h.importCsv(csv);
    expect(job).toMatchObject({ status: 'succeeded', dryRun: false, totalRows: 3, processedRows: 3, progressPercent: 100, createdCount: 3, updatedCount: 0, errorCount: 0, errors: [], links: { self: `/api/v1/admin/catalog/bulk-jobs/${job.id}`, file: null } });

    // The import refreshes the planner's statistics once it has committed, so just after the job
    // reports success: within seconds its counts are the tables' own (autovacuum would take a minute).
    const planner = () =>
      h.t.database.pool.query<{ relname: string; estimated: number; actual: number }>(
        `select c.relname, c.reltuples::int as estimated, case c.relname when 'products' then (select count(*)::int from products) else (select count(*)::int from variants) end as actual
         from pg_class c where c.relname in ('products', 'variants') and c.relkind = 'r'`,
      );
    await waitFor(async () => (await planner()).rows.every((row) => row.estimated === row.actual), 10_000, "the import's planner statistics").catch(() => undefined);
    for (const row of (await planner()).rows) expect(row.estimated, row.relname).toBe(row.actual);

    const mug = await productBySlug('tea-mug');
    expect(mug).toMatchObject({
      name: 'Tea mug',
      description: '<p>Holds <b>tea</b></p>',
      status: 'active',
      featured: true,
      brandId: acme,
      categoryIds: [mugs, kitchen],
      tags: ['gift', 'ceramic'],
      attributes: { material: 'stoneware', volume: '350 ml' },
      seoTitle: 'Tea mug',
    });
    expect(mug.publishedAt).not.toBeNull();
    expect(mug.variants).toEqual([
      expect.objectContaining({ sku: 'TEA-S', optionValues: { size: 'S' }, price: { amount: 1299, currency: 'EUR' }, compareAtPrice: { amount: 1500, currency: 'EUR' }, costPrice: { amount: 410, currency: 'EUR' }, weightGrams: 350, taxClass: 'reduced', trackStock: true, position: 0 }),
      expect.objectContaining({ sku: 'TEA-L', optionValues: { size: 'L' }, price: { amount: 1450, currency: 'EUR' }, compareAtPrice: null, costPrice: null, weightGrams: 500, taxClass: 'standard', trackStock: false, position: 1 }),
    ]);
    expect(await productBySlug('plain-plate')).toMatchObject({ status: 'draft', featured: false, brandId: null, categoryIds: [], variants: [expect.objectContaining({ sku: 'PLATE-1', optionValues: {}, price: { amount: 700, currency: 'EUR' } })] });

    const audit = await inTransaction(h.t.database.db, { tenantId: h.store }, (tx) =>
      tx.execute<{ action: string; actor_type: string }>(sql`select action, actor_type from audit_log where tenant_id = ${h.store} and target_id = ${job.id} order by created_at`),
    );
    expect(audit.rows).toEqual([
      { action: 'catalog.import_requested', actor_type: 'staff' },
      { action: 'catalog.imported', actor_type: 'staff' },
    ]);
  });

  it('updates by SKU: a file of prices changes only the prices, and leaves absent columns as they were', async () => {
    const before = await productBySlug('tea-mug');
    const job = await h.importCsv(csvOf([['product_slug', 'sku', 'price'], ['tea-mug', 'TEA-S', '11.99'], ['tea-mug', 'TEA-L', '14.50']]));
    expect(job).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 1 });
    const after = await productBySlug('tea-mug');
    expect(after.variants.map((v) => [v.sku, v.price])).toEqual([
      ['TEA-S', { amount: 1199, currency: 'EUR' }],
      ['TEA-L', { amount: 1450, currency: 'EUR' }],
    ]);
    expect({ ...after, variants: undefined, updatedAt: undefined }).toEqual({ ...before, variants: undefined, updatedAt: undefined });
    expect(after.variants[0]).toMatchObject({ compareAtPrice: before.variants[0]!.compareAtPrice, weightGrams: 350, taxClass: 'reduced' });
    expect(after.variants[1]!.updatedAt).toBe(before.variants[1]!.updatedAt);
  });

  it('adds a variant to an existing product after its others, and clears what an empty cell clears', async () => {
    const job = await h.importCsv(
      csvOf([
        ['product_slug', 'name', 'categories', 'tags', 'sku', 'option1_name', 'option1_value', 'price', 'compare_at_price'],
        ['tea-mug', 'Tea mug', 'kitchen', '', 'TEA-S', 'size', 'S', '11.99', ''],
        ['tea-mug', '', '', '', 'TEA-XL', 'size', 'XL', '16.00', ''],
      ]),
    );
    expect(job).toMatchObject({ status: 'succeeded', createdCount: 1, updatedCount: 1 });
    const mug = await productBySlug('tea-mug');
    expect(mug).toMatchObject({ categoryIds: [kitchen], tags: [] });
    expect(mug.variants.map((v) => [v.sku, v.position, v.compareAtPrice])).toEqual([
      ['TEA-S', 0, null],
      ['TEA-L', 1, null],
      ['TEA-XL', 2, null],
    ]);
  });

  it('keeps what an empty cell cannot clear: name, status, featured, price, tax class, stock tracking', async () => {
    const before = await h.snapshot();
    const job = await h.importCsv(csvOf([['product_slug', 'name', 'status', 'featured', 'sku', 'price', 'tax_class', 'track_stock'], ['tea-mug', '', '', '', 'TEA-S', '', '', '']]));
    expect(job).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 0 });
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a second variant beside a product whose only variant has no options', async () => {
    const before = await h.snapshot();
    const job = await h.importCsv(csvOf([['product_slug', 'sku', 'option1_name', 'option1_value', 'price'], ['plain-plate', 'PLATE-2', 'size', 'L', '9']]));
    expect(job).toMatchObject({ status: 'failed', errors: [{ line: 2, field: 'sku', reason: 'the product\'s variant "PLATE-1" has no option values; give it some in this file before adding variants' }] });
    expect(await h.snapshot()).toEqual(before);
  });

  it('a valid dry run succeeds with what it would do, and writes nothing', async () => {
    const before = await h.snapshot();
    const job = await h.importCsv(csvOf([['product_slug', 'name', 'sku', 'price'], ['new-bowl', 'Bowl', 'BOWL-1', '3'], ['plain-plate', 'Plain plate', 'PLATE-1', '8']]), { dryRun: true });
    expect(job).toMatchObject({ status: 'succeeded', dryRun: true, createdCount: 1, updatedCount: 1, errorCount: 0 });
    expect(await h.snapshot()).toEqual(before);
    // The uploaded file is not kept once the job is done.
    const { rows } = await h.t.database.pool.query('select input from catalog_bulk_jobs where id = $1', [(job as { id: string }).id]);
    expect(rows).toEqual([{ input: null }]);
  });

  it('lists jobs newest first, and another store can neither see nor read them', async () => {
    const list = (await h.api('GET', '/bulk-jobs?limit=2')).json() as { data: Array<{ id: string; kind: string; errors?: unknown }>; nextCursor: string | null };
    expect(list.data).toHaveLength(2);
    expect(list.data[0]!.id > list.data[1]!.id).toBe(true);
    expect(list.data[0]).not.toHaveProperty('errors');
    expect(list.nextCursor).toBe(list.data[1]!.id);
    const other = await createStore(h.t.database, 'bulk-apply-other');
    expect(((await h.api('GET', '/bulk-jobs', undefined, other)).json() as { data: unknown[] }).data).toEqual([]);
    const theirs = await h.api('GET', `/bulk-jobs/${list.data[0]!.id}`, undefined, other);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: 'CATALOG_BULK_JOB_NOT_FOUND' });
  });
});
