import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { catalogBulkJobs, type BulkRowError } from './catalog.tables.ts';

export type BulkJobRow = typeof catalogBulkJobs.$inferSelect;
/** A job as listed: without the files, which can be tens of megabytes. */
export type BulkJobSummary = Omit<BulkJobRow, 'input' | 'output'>;

const { input: _input, output: _output, ...summaryColumns } = getTableColumns(catalogBulkJobs);
const { errors: _errors, ...listColumns } = summaryColumns;
/** A job in a list: without its row errors either. */
export type BulkJobListed = Omit<BulkJobSummary, 'errors'>;

export async function insertBulkJob(tx: Tx, row: typeof catalogBulkJobs.$inferInsert): Promise<BulkJobSummary> {
  const [inserted] = await tx.insert(catalogBulkJobs).values(row).returning(summaryColumns);
  return inserted!;
}

export async function findBulkJob(tx: Tx, tenantId: string, id: string): Promise<BulkJobSummary | undefined> {
  const [row] = await tx.select(summaryColumns).from(catalogBulkJobs).where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
  return row;
}

/** The job with its uploaded CSV, for the import task. */
export async function findBulkJobInput(tx: Tx, tenantId: string, id: string): Promise<(BulkJobSummary & { input: string | null }) | undefined> {
  const [row] = await tx
    .select({ ...summaryColumns, input: catalogBulkJobs.input })
    .from(catalogBulkJobs)
    .where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
  return row;
}

/** The job with the CSV an export produced. */
export async function findBulkJobOutput(tx: Tx, tenantId: string, id: string): Promise<(BulkJobSummary & { output: string | null }) | undefined> {
  const [row] = await tx
    .select({ ...summaryColumns, output: catalogBulkJobs.output })
    .from(catalogBulkJobs)
    .where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
  return row;
}

/** A page of the store's jobs, newest first, one more than `limit` when there are more. */
export async function listBulkJobs(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<BulkJobListed[]> {
  return tx
    .select(listColumns)
    .from(catalogBulkJobs)
    .where(and(eq(catalogBulkJobs.tenantId, tenantId), page.cursor ? lt(catalogBulkJobs.id, page.cursor) : undefined))
    .orderBy(desc(catalogBulkJobs.id))
    .limit(page.limit + 1);
}

/** Starts (or, after a crash, restarts) a job: counts and report reset. */
export async function markBulkJobRunning(tx: Tx, tenantId: string, id: string, totalRows: number): Promise<void> {
  await tx
    .update(catalogBulkJobs)
    .set({ status: 'running', startedAt: sql`now()`, totalRows, processedRows: 0, createdCount: 0, updatedCount: 0, errorCount: 0, errors: [], failureReason: null })
    .where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
}

export async function recordBulkJobProgress(tx: Tx, tenantId: string, id: string, processedRows: number): Promise<void> {
  await tx.update(catalogBulkJobs).set({ processedRows }).where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
}

export interface BulkJobOutcome {
  status: 'succeeded' | 'failed';
  totalRows?: number;
  processedRows?: number;
  createdCount?: number;
  updatedCount?: number;
  errorCount?: number;
  errors?: BulkRowError[];
  failureReason?: string | null;
  output?: string;
}

/** Records the outcome; the uploaded CSV is dropped then: the report says what it held that mattered, and a finished job is never run again. */
export async function finishBulkJob(tx: Tx, tenantId: string, id: string, outcome: BulkJobOutcome): Promise<void> {
  await tx
    .update(catalogBulkJobs)
    .set({ ...outcome, input: null, finishedAt: sql`now()` })
    .where(and(eq(catalogBulkJobs.tenantId, tenantId), eq(catalogBulkJobs.id, id)));
}
