import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkHarness, csvOf, type BulkHarness, type BulkJob } from './bulk-fixtures.ts';

let h: BulkHarness;
beforeAll(async () => {
  h = await bulkHarness('bulk-scale');
  await h.api('POST', '/categories', { name: 'Shirts', slug: 'shirts' });
});
afterAll(() => h?.close());

const ROWS = 5000;
const HEADER = ['product_slug', 'name', 'description', 'categories', 'tags', 'sku', 'option1_name', 'option1_value', 'price', 'weight_grams'];
/** 1,000 products of 5 sizes each. */
const file = (price: (i: number) => string) =>
  csvOf([
    HEADER,
    ...Array.from({ length: ROWS }, (_, i) => {
      const p = Math.floor(i / 5);
      const first = i % 5 === 0;
      return [`shirt-${p}`, first ? `Shirt ${p}` : '', first ? '<p>Soft cotton</p>' : '', first ? 'shirts' : '', first ? 'cotton|summer' : '', `SHIRT-${p}-${i % 5}`, 'size', ['XS', 'S', 'M', 'L', 'XL'][i % 5]!, price(i), '180'];
    }),
  ]);

/** Uploads, then watches the job until it ends, noting each progress figure seen on the way. */
async function watched(csv: string): Promise<{ job: BulkJob; seconds: number; progress: number[] }> {
  const started = Date.now();
  const queued = await h.upload(csv);
  const progress = new Set<number>();
  for (;;) {
    const job = (await h.api('GET', `/bulk-jobs/${queued.id}`)).json() as BulkJob;
    if (job.status === 'running') progress.add(job.processedRows);
    if (job.status === 'succeeded' || job.status === 'failed') return { job, seconds: (Date.now() - started) / 1000, progress: [...progress] };
    if (Date.now() - started > 120_000) throw new Error('import took over two minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('catalog CSV import at scale', () => {
  it(`imports ${ROWS} rows in one job, with progress visible while it runs, and updates them all again`, { timeout: 300_000 }, async () => {
    const created = await watched(file((i) => `${10 + (i % 7)}.99`));
    console.info(`import of ${ROWS} new rows: ${created.seconds.toFixed(1)} s; progress seen: ${created.progress.join(', ')}`);
    expect(created.job).toMatchObject({ status: 'succeeded', totalRows: ROWS, processedRows: ROWS, createdCount: ROWS, updatedCount: 0, errorCount: 0 });
    expect(created.progress.some((n) => n > 0 && n < ROWS)).toBe(true);
    expect(created.seconds).toBeLessThan(60);

    const updated = await watched(file((i) => (i % 2 === 0 ? `${10 + (i % 7)}.49` : `${10 + (i % 7)}.99`)));
    console.info(`re-import changing ${ROWS / 2} prices: ${updated.seconds.toFixed(1)} s`);
    expect(updated.job).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: ROWS / 2 });

    const { csv } = await h.exportCsv();
    expect(csv.trim().split('\n')).toHaveLength(ROWS + 1);
  });
});
