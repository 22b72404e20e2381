import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../security/index.ts';
import { checkHeader } from './bulk-csv-format.ts';
import { readCsv } from './bulk-csv-reader.ts';
import { loadCatalogNames, planBatch, type PlanContext } from './bulk-import-plan.ts';
import { parseRow, ProductGrouper, type ProductRows } from './bulk-import-rows.ts';
import { refreshImportedStatistics } from './bulk-import.repository.ts';
import { writeBatch } from './bulk-import-writer.ts';
import * as jobs from './bulk-job.repository.ts';
import { RowErrorReport } from './bulk-report.ts';
import type { BulkRun } from './bulk-run.ts';
import { storeOf } from './catalog.deps.ts';
import { storeCurrency } from './variant-rules.ts';

/** Rows checked (and written) together: bounded memory, few round trips. */
const BATCH_ROWS = 500;


type Header = { columns: string[]; rows: number } | { failure: string; errors: Array<{ line: number; field: string; reason: string }> };

/** The header and the number of data rows, or why the file cannot be read at all. */
async function readHeader(csv: string): Promise<Header> {
  let columns: string[] | undefined;
  let rows = 0;
  try {
    for await (const record of readCsv(csv)) {
      if (columns) rows++;
      else columns = record.cells.map((c) => c.trim().toLowerCase());
    }
  } catch (err) {
    return { failure: `The file is not valid CSV: ${(err as Error).message}`, errors: [] };
  }
  if (!columns) return { failure: 'The file is empty: it needs a header row.', errors: [] };
  const problems = checkHeader(columns);
  if (problems.length > 0) {
    return { failure: `The header row is not right: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, errors: problems.map((p) => ({ line: 1, ...p })) };
  }
  return { columns, rows };
}

class ImportRejected extends Error {}

/**
 * Runs an import job: every row is checked against the file and the catalog
 * in batches, inside one transaction; the writes happen only while no row has
 * failed, and are rolled back unless every row passed (and it is not a dry
 * run). Progress is committed separately, so it is visible while the import
 * transaction is still open.
 */
export function createBulkImportRunner({ db }: { db: Db }) {
  return async function runImport(ctx: Ctx, run: BulkRun): Promise<void> {
    const tenantId = storeOf(ctx);
    const job = await inTransaction(db, { tenantId }, (tx) => jobs.findBulkJobInput(tx, tenantId, run.jobId));
    if (!job || job.kind !== 'import' || job.status === 'succeeded' || job.status === 'failed') return;
    const finish = (outcome: jobs.BulkJobOutcome) => inTransaction(db, { tenantId }, (tx) => jobs.finishBulkJob(tx, tenantId, run.jobId, outcome));

    const header = await readHeader(job.input ?? '');
    if ('failure' in header) return finish({ status: 'failed', failureReason: header.failure, errors: header.errors, errorCount: header.errors.length });
    await inTransaction(db, { tenantId }, (tx) => jobs.markBulkJobRunning(tx, tenantId, run.jobId, header.rows));

    const errors = new RowErrorReport();
    const counts = { processed: 0, created: 0, updated: 0 };
    const outcome = () => ({
      totalRows: header.rows,
      processedRows: counts.processed,
      createdCount: counts.created,
      updatedCount: counts.updated,
      errorCount: errors.count,
      errors: errors.sorted(),
    });
    try {
      await inTransaction(db, { tenantId }, async (tx) => {
        const plan: PlanContext = { tx, tenantId, currency: await storeCurrency(tx, tenantId), columns: new Set(header.columns), names: await loadCatalogNames(tx, tenantId) };
        const grouper = new ProductGrouper();
        let pending: ProductRows[] = [];
        let pendingRows = 0;
        let read = 0;
        const flush = async () => {
          if (run.signal.aborted) throw new Error('the worker is stopping; the import will run again');
          const batch = await planBatch(plan, pending, errors);
          counts.created += batch.created;
          counts.updated += batch.updated;
          if (errors.count === 0 && !job.dryRun) await writeBatch(tx, tenantId, batch.products);
          pending = [];
          pendingRows = 0;
          counts.processed = read;
          await inTransaction(db, { tenantId }, (progress) => jobs.recordBulkJobProgress(progress, tenantId, run.jobId, counts.processed));
        };
        let isHeader = true;
        for await (const record of readCsv(job.input ?? '')) {
          if (isHeader) {
            isHeader = false;
            continue;
          }
          read++;
          const row = parseRow(header.columns, record.cells, record.line, plan.currency);
          errors.push(...row.errors);
          const done = grouper.add(row, errors);
          if (done) {
            pending.push(done);
            pendingRows += done.variants.length;
          }
          if (pendingRows >= BATCH_ROWS) await flush();
        }
        const last = grouper.finish();
        if (last) pending.push(last);
        await flush();
        if (errors.count > 0 || job.dryRun) throw new ImportRejected();
        await jobs.finishBulkJob(tx, tenantId, run.jobId, { status: 'succeeded', ...outcome() });
        await recordAudit(tx, {
          ...run.origin,
          tenantId,
          actor: run.actor ?? ctx.actor,
          action: 'catalog.imported',
          targetType: 'catalog_bulk_job',
          targetId: run.jobId,
          changes: { after: { fileName: job.fileName, rows: header.rows, created: counts.created, updated: counts.updated } },
        });
      });
      // Only now, outside the import's transaction: its rows count once they are committed.
      await refreshImportedStatistics(db);
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err;
      // A dry run or a file with bad rows: nothing was kept, the report is the result.
      await finish({ status: errors.count > 0 ? 'failed' : 'succeeded', ...outcome() });
    }
  };
}
