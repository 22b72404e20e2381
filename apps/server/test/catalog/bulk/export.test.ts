import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkHarness, csvOf, type BulkHarness, type BulkJob } from './bulk-fixtures.ts';

let h: BulkHarness;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

beforeAll(async () => {
  h = await bulkHarness('bulk-export');
  const cat = ((await h.api('POST', '/categories', { name: 'Cups, "fine"', slug: 'cups' })).json() as { id: string }).id;
  const brand = ((await h.api('POST', '/brands', { name: 'Acme', slug: 'acme' })).json() as { id: string }).id;
  await h.api('POST', '/products', {
    name: 'Cup, "large"',
    slug: 'cup',
    description: '<p>Line one,\nline two &amp; "quotes"</p><a href="https://example.test/x">more</a>',
    status: 'active',
    featured: true,
    brandId: brand,
    categoryIds: [cat],
    tags: ['a|b', 'back\\slash', 'plain'],
    attributes: { material: 'clay=earth', 'fit|size': 'wide' },
    seoTitle: 'Cup',
    seoDescription: 'A cup',
    variants: [
      { sku: 'CUP-S', barcode: '4006381333931', optionValues: { size: 'S', colour: 'blue' }, price: eur(1299), compareAtPrice: eur(1500), costPrice: eur(5), weightGrams: 0, taxClass: 'reduced', trackStock: false },
      { sku: 'CUP-M', optionValues: { size: 'M', colour: 'blue' }, price: eur(1), weightGrams: 250 },
    ],
  });
  // More products than one export batch reads, so the export pages through them.
  const spoons = await h.importCsv(csvOf([['product_slug', 'name', 'sku', 'price'], ...Array.from({ length: 450 }, (_, i) => [`spoon-${i}`, `Spoon ${i}`, `SPOON-${i}`, `${1 + i}.00`])]));
  if (spoons.status !== 'succeeded') throw new Error(JSON.stringify(spoons.errors));
});
afterAll(() => h?.close());

describe('catalog CSV export', () => {
  it('writes every variant in the import format, product cells on the first row of each product', async () => {
    const { job, csv } = await h.exportCsv();
    expect(job).toMatchObject({ kind: 'export', status: 'succeeded', totalRows: 452, processedRows: 452, progressPercent: 100, links: { file: `/api/v1/admin/catalog/bulk-jobs/${job.id}/file` } });
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(452);
    const cup = rows.filter((r) => r.product_slug === 'cup');
    expect(cup[0]).toMatchObject({
      name: 'Cup, "large"',
      status: 'active',
      featured: 'true',
      brand: 'acme',
      categories: 'cups',
      tags: 'a\\|b|back\\\\slash|plain',
      sku: 'CUP-S',
      barcode: '4006381333931',
      price: '12.99',
      compare_at_price: '15.00',
      cost_price: '0.05',
      weight_grams: '0',
      tax_class: 'reduced',
      track_stock: 'false',
    });
    expect({ [cup[0]!.option1_name!]: cup[0]!.option1_value, [cup[0]!.option2_name!]: cup[0]!.option2_value }).toEqual({ size: 'S', colour: 'blue' });
    expect(cup[1]).toMatchObject({ product_slug: 'cup', name: '', description: '', brand: '', sku: 'CUP-M', price: '0.01', compare_at_price: '', weight_grams: '250' });
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['option3_name', 'option3_value']));
  });

  it('imports back unchanged: nothing created, nothing updated, not a row touched', async () => {
    const { csv } = await h.exportCsv();
    const before = await h.snapshot();
    const job = await h.importCsv(csv);
    expect(job).toMatchObject({ status: 'succeeded', totalRows: 452, createdCount: 0, updatedCount: 0, errorCount: 0 });
    expect(await h.snapshot()).toEqual(before);
  });

  it('serves the file as a text/csv attachment, and 409 for an import or an export not yet done', async () => {
    const { job } = await h.exportCsv();
    const file = await h.api('GET', `/bulk-jobs/${job.id}/file`);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="catalog-\d{4}-\d{2}-\d{2}\.csv"$/);
    const imported = await h.upload('product_slug,sku\n', { dryRun: true });
    const notExport = await h.api('GET', `/bulk-jobs/${imported.id}/file`);
    expect(notExport.statusCode).toBe(409);
    expect(notExport.json()).toMatchObject({ code: 'CATALOG_BULK_FILE_CONFLICT' });
    // Held back from the worker by a job of the same store's queue still waiting to be picked.
    await h.runner.stop();
    const res = await h.api('POST', '/exports');
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json() as BulkJob;
    expect(queued).toMatchObject({ kind: 'export', status: 'queued', links: { file: null } });
    expect((await h.api('GET', `/bulk-jobs/${queued.id}/file`)).statusCode).toBe(409);
  });
});
