import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../security/fixtures.ts';
import { bulkHarness, csvOf, type BulkHarness } from './bulk-fixtures.ts';

let h: BulkHarness;
const HEADER = ['product_slug', 'name', 'categories', 'sku', 'option1_name', 'option1_value', 'price', 'compare_at_price'];

beforeAll(async () => {
  h = await bulkHarness('bulk-report');
  await h.api('POST', '/categories', { name: 'Mugs', slug: 'mugs' });
  // Already in the catalog: a product with SKU TAKEN-1, and one renamed so that its old slug redirects.
  await h.api('POST', '/products', { name: 'Existing', slug: 'existing', variants: [{ sku: 'TAKEN-1', price: { amount: 100, currency: 'EUR' } }] });
  const renamed = (await h.api('POST', '/products', { name: 'Old', slug: 'old-slug', variants: [{ sku: 'REN-1', price: { amount: 100, currency: 'EUR' } }] })).json() as { id: string };
  await h.t.app.inject({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${renamed.id}`, headers: as('manager', h.store), payload: { slug: 'new-slug' } });
});
afterAll(() => h?.close());

describe('catalog CSV import: checking', () => {
  it('a dry run reports every bad row with its line, column and reason, and writes nothing', async () => {
    const before = await h.snapshot();
    const csv = csvOf([
      HEADER,
      ['good-mug', 'Good mug', 'mugs', 'GOOD-1', '', '', '12.99', ''], // line 2: fine
      ['neg', 'Negative', '', 'NEG-1', '', '', '-1.00', ''], // 3
      ['dec', 'Too precise', '', 'DEC-1', '', '', '1.999', '2,50'], // 4: two bad prices
      ['cat', 'Unknown category', 'mugs|nope', 'CAT-1', '', '', '5', ''], // 5
      ['dup', 'Duplicate', '', 'GOOD-1', '', '', '5', ''], // 6: SKU of line 2
      ['taken', 'Taken SKU', '', 'TAKEN-1', '', '', '5', ''], // 7: SKU of another product
      ['old-slug', 'Redirected', '', 'OLD-1', '', '', '5', ''], // 8: an old slug
      ['noname', '', '', 'NONAME-1', '', '', '5', ''], // 9: no name
      ['multi', 'Multi\nline name', '', 'MULTI-1', 'size', 'S', '5', ''], // 10–11: a quoted line break
      ['multi', '', '', 'MULTI-2', '', '', '', ''], // 12: no options beside a sibling, no price
    ]);
    const job = await h.importCsv(csv, { dryRun: true });
    expect(job).toMatchObject({ kind: 'import', dryRun: true, status: 'failed', totalRows: 10, processedRows: 10, errorsTruncated: false });
    expect(job.errors).toEqual([
      { line: 3, field: 'price', reason: 'must not be negative' },
      { line: 4, field: 'price', reason: 'has more than the 2 decimals of EUR' },
      { line: 4, field: 'compare_at_price', reason: expect.stringContaining('is not a decimal amount') },
      { line: 5, field: 'categories', reason: '"nope" is not a category of this store' },
      { line: 6, field: 'sku', reason: '"GOOD-1" is already used on line 2' },
      { line: 7, field: 'sku', reason: '"TAKEN-1" belongs to a variant of the product "existing"' },
      { line: 8, field: 'product_slug', reason: expect.stringContaining('is an old slug of the product "new-slug"') },
      { line: 9, field: 'name', reason: 'is required to create a product' },
      { line: 12, field: 'price', reason: 'is required for a new variant' },
      { line: 12, field: 'option1_value', reason: expect.stringContaining('needs option values') },
    ]);
    expect(job.errorCount).toBe(10);
    expect(await h.snapshot()).toEqual(before);
  });

  it('a real import of a file with a bad row fails with the same report, and nothing of the good rows is written', async () => {
    const before = await h.snapshot();
    const rows = Array.from({ length: 1200 }, (_, i) => [`bulk-${i}`, `Bulk ${i}`, '', `BULK-${i}`, '', '', '3.50', '']);
    rows[1150]![6] = 'abc'; // line 1152, in a later batch than the first thousand rows
    const job = await h.importCsv(csvOf([HEADER, ...rows]));
    expect(job).toMatchObject({ status: 'failed', dryRun: false, errorCount: 1, errors: [{ line: 1152, field: 'price', reason: expect.stringContaining('is not a decimal amount') }], createdCount: 1199 });
    expect(await h.snapshot()).toEqual(before);
  });

  it('fails a file whose header has unknown or missing columns, naming them', async () => {
    const job = await h.importCsv('product_slug,name,prcie,option1_name\nmug,Mug,1.00,size\n');
    expect(job.status).toBe('failed');
    expect(job.failureReason).toContain('prcie is not a column of the catalog CSV');
    expect(job.errors).toEqual([
      { line: 1, field: 'prcie', reason: 'is not a column of the catalog CSV' },
      { line: 1, field: 'sku', reason: 'is a required column and is missing' },
      { line: 1, field: 'option1_value', reason: 'is missing: option1_name and option1_value come together' },
    ]);
  });

  it('fails a file that is not valid CSV, and reports cells that do not match the header', async () => {
    expect((await h.importCsv('product_slug,sku\n"open,X\n')).failureReason).toMatch(/not valid CSV/);
    const job = await h.importCsv('product_slug,sku,name,price\nshort,SHORT-1\n');
    expect(job.errors).toEqual(expect.arrayContaining([{ line: 2, field: null, reason: 'has 2 cells where the header has 4 columns' }]));
  });

  it('keeps the first 1,000 errors and counts all of them', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`bad-${i}`, `Bad ${i}`, '', `BAD-${i}`, '', '', '-1', '']);
    const job = await h.importCsv(csvOf([HEADER, ...rows]), { dryRun: true });
    expect(job).toMatchObject({ status: 'failed', errorCount: 1500, errorsTruncated: true });
    expect(job.errors).toHaveLength(1000);
    expect(job.errors[999]).toEqual({ line: 1001, field: 'price', reason: 'must not be negative' });
  });

  it('answers 415 to a body that is not text/csv, 422 to an empty one and 413 to one over the limit', async () => {
    const post = (headers: Record<string, string>, payload: string | Buffer) =>
      h.t.app.inject({ method: 'POST', url: '/api/v1/admin/catalog/imports', headers: { ...as('manager', h.store), ...headers }, payload });
    const json = await post({ 'content-type': 'application/json' }, '"product_slug,sku"');
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const empty = await post({ 'content-type': 'text/csv' }, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body' }] });
    const huge = await post({ 'content-type': 'text/csv; charset=utf-8' }, Buffer.alloc(50 * 1024 * 1024 + 1, 'a'));
    expect(huge.statusCode).toBe(413);
    const badQuery = await h.t.app.inject({ method: 'POST', url: '/api/v1/admin/catalog/imports?dryRun=maybe', headers: { ...as('manager', h.store), 'content-type': 'text/csv' }, payload: 'product_slug,sku\n' });
    expect(badQuery.statusCode).toBe(422);
    expect(badQuery.json()).toMatchObject({ errors: [{ path: 'querystring.dryRun' }] });
  });

  it('needs catalog:write to import and catalog:read to read a job', async () => {
    const job = await h.upload('product_slug,sku\n', { dryRun: true });
    const asCashier = await h.t.app.inject({ method: 'POST', url: '/api/v1/admin/catalog/imports', headers: { ...as('cashier', h.store), 'content-type': 'text/csv' }, payload: 'product_slug,sku\n' });
    expect(asCashier.statusCode).toBe(403);
    const read = await h.t.app.inject({ url: `/api/v1/admin/catalog/bulk-jobs/${job.id}`, headers: as('cashier', h.store) });
    expect(read.statusCode).toBe(200);
  });
});
