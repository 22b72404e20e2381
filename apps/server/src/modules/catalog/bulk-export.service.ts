import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { EXPORTED_OPTIONS, exportColumns, joinList, joinPairs } from './bulk-csv-format.ts';
import * as exported from './bulk-export.repository.ts';
import { allBrands, allCategories, categoryLinksOf, variantsOfProducts } from './bulk-import.repository.ts';
import type { BulkRun } from './bulk-run.ts';
import * as jobs from './bulk-job.repository.ts';
import { formatMinorUnits } from './bulk-money.ts';
import { storeOf } from './catalog.deps.ts';
import type { ProductRow } from './product.repository.ts';
import type { VariantRow } from './variant.repository.ts';

/** Products read (and written out) per batch. */
const BATCH_PRODUCTS = 200;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

type Names = { brandSlug: Map<string, string>; categorySlug: Map<string, string> };

/** The cells of a product's rows: product columns on its first row only, as an import reads them back. */
function rowsOf(product: ProductRow, variants: VariantRow[], categoryIds: string[], names: Names, optionPairs: number): string[][] {
  const productCells = [
    product.slug,
    product.name,
    product.description,
    product.status,
    String(product.featured),
    product.brandId ? (names.brandSlug.get(product.brandId) ?? '') : '',
    joinList(categoryIds.map((id) => names.categorySlug.get(id) ?? '').filter(Boolean)),
    joinList(product.tags),
    joinPairs(product.attributes),
    product.seoTitle ?? '',
    product.seoDescription ?? '',
  ];
  const money = (amount: number | null, currency: string) => (amount === null ? '' : formatMinorUnits(amount, currency));
  return variants.map((v, i) => {
    const options = Object.entries(v.optionValues);
    const optionCells = Array.from({ length: optionPairs }, (_, n) => [options[n]?.[0] ?? '', options[n]?.[1] ?? '']).flat();
    return [
      ...(i === 0 ? productCells : [product.slug, ...productCells.slice(1).map(() => '')]),
      v.sku,
      v.barcode ?? '',
      ...optionCells,
      money(v.priceAmount, v.currency),
      money(v.compareAtAmount, v.currency),
      money(v.costAmount, v.currency),
      v.weightGrams === null ? '' : String(v.weightGrams),
      v.taxClass,
      String(v.trackStock),
    ];
  });
}

/**
 * Runs an export job: every product and variant of the store, read in
 * keyset-paginated batches and written as CSV in the import's format (so the
 * file imports back unchanged), kept on the job for download.
 */
export function createBulkExportRunner({ db }: { db: Db }) {
  return async function runExport(ctx: Ctx, run: BulkRun): Promise<void> {
    const tenantId = storeOf(ctx);
    const job = await inTransaction(db, { tenantId }, (tx) => jobs.findBulkJob(tx, tenantId, run.jobId));
    if (!job || job.kind !== 'export' || job.status === 'succeeded' || job.status === 'failed') return;
    const { total, optionPairs, names } = await inTransaction(db, { tenantId }, async (tx) => {
      const total = await exported.countStoreVariants(tx, tenantId);
      await jobs.markBulkJobRunning(tx, tenantId, run.jobId, total);
      return {
        total,
        optionPairs: Math.max(EXPORTED_OPTIONS, await exported.mostOptionsPerVariant(tx, tenantId)),
        names: {
          brandSlug: new Map((await allBrands(tx, tenantId)).map((b) => [b.id, b.slug])),
          categorySlug: new Map((await allCategories(tx, tenantId)).map((c) => [c.id, c.slug])),
        },
      };
    });

    const chunks = [stringify([exportColumns(optionPairs)])];
    let after: string | undefined;
    let written = 0;
    for (;;) {
      if (run.signal.aborted) throw new Error('the worker is stopping; the export will run again');
      const rows = await inTransaction(db, { tenantId }, async (tx) => {
        const batch = await exported.productsAfter(tx, tenantId, after, BATCH_PRODUCTS);
        const ids = batch.map((p) => p.id);
        const variantsOf = groupBy(await variantsOfProducts(tx, tenantId, ids), (v) => v.productId);
        const categoriesOf = groupBy(await categoryLinksOf(tx, tenantId, ids), (l) => l.productId);
        after = batch.at(-1)?.id;
        return batch.flatMap((p) => rowsOf(p, variantsOf.get(p.id) ?? [], (categoriesOf.get(p.id) ?? []).map((l) => l.categoryId), names, optionPairs));
      });
      if (rows.length > 0) chunks.push(stringify(rows));
      written += rows.length;
      if (!after) break;
      await inTransaction(db, { tenantId }, (tx) => jobs.recordBulkJobProgress(tx, tenantId, run.jobId, written));
    }
    await inTransaction(db, { tenantId }, (tx) =>
      jobs.finishBulkJob(tx, tenantId, run.jobId, { status: 'succeeded', totalRows: Math.max(total, written), processedRows: written, output: chunks.join('') }),
    );
  };
}
