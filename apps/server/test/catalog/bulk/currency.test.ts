import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkHarness, csvOf, type BulkHarness } from './bulk-fixtures.ts';

// The runtime's ICU data gives the forint no decimals; ISO 4217 (and Mollie, which charges it) gives it two.
let h: BulkHarness;

beforeAll(async () => {
  h = await bulkHarness('bulk-huf', { currency: 'HUF' });
});
afterAll(() => h?.close());

async function variantsOf(slug: string): Promise<Array<Record<string, unknown>>> {
  const list = (await h.api('GET', `/products?q=${slug}&limit=10`)).json() as { data: Array<{ id: string; slug: string }> };
  const id = list.data.find((p) => p.slug === slug)?.id;
  if (!id) throw new Error(`no product ${slug}`);
  return ((await h.api('GET', `/products/${id}`)).json() as { variants: Array<Record<string, unknown>> }).variants;
}

describe('catalog CSV prices in a forint store', () => {
  it('reads prices with the ISO 4217 two decimals of HUF and writes them back the same', async () => {
    const job = await h.importCsv(csvOf([
      ['product_slug', 'name', 'sku', 'price', 'compare_at_price', 'cost_price'],
      ['goulash', 'Goulash', 'GOU-1', '1500.50', '1600', '0.05'],
    ]));
    expect(job).toMatchObject({ status: 'succeeded', createdCount: 1, errorCount: 0 });
    expect(await variantsOf('goulash')).toEqual([
      expect.objectContaining({ sku: 'GOU-1', price: { amount: 150050, currency: 'HUF' }, compareAtPrice: { amount: 160000, currency: 'HUF' }, costPrice: { amount: 5, currency: 'HUF' } }),
    ]);

    const rows = parse((await h.exportCsv()).csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.sku === 'GOU-1')).toMatchObject({ price: '1500.50', compare_at_price: '1600.00', cost_price: '0.05' });
  });

  it('refuses more than two decimals for the forint', async () => {
    const job = await h.importCsv(csvOf([['product_slug', 'name', 'sku', 'price'], ['paprika', 'Paprika', 'PAP-1', '1500.505']]), { dryRun: true });
    expect(job.errors).toEqual([{ line: 2, field: 'price', reason: 'has more than the 2 decimals of HUF' }]);
  });
});
