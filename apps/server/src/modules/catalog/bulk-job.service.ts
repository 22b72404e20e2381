import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { uuidv7 } from 'uuidv7';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import * as repo from './bulk-job.repository.ts';
import { BULK_JOB_MAX_ATTEMPTS, BULK_JOB_TASK, type BulkJobPayload } from './bulk-job.tasks.ts';
import { storeOf } from './catalog.deps.ts';
import type { BulkRowError } from './catalog.tables.ts';

export interface BulkJobView {
  id: string;
  kind: repo.BulkJobRow['kind'];
  dryRun: boolean;
  status: repo.BulkJobRow['status'];
  fileName: string | null;
  totalRows: number;
  processedRows: number;
  progressPercent: number;
  createdCount: number;
  updatedCount: number;
  errorCount: number;
  failureReason: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface BulkJobDetailView extends BulkJobView {
  /** The first errors by line (at most MAX_STORED_ERRORS of bulk-report.ts); errorCount counts them all. */
  errors: BulkRowError[];
  errorsTruncated: boolean;
}

const jobNotFound = () => new DomainError('CATALOG_BULK_JOB_NOT_FOUND', 'This store has no import or export job with this id.');

function progressOf(r: repo.BulkJobListed): number {
  if (r.status === 'succeeded') return 100;
  return r.totalRows > 0 ? Math.min(100, Math.floor((r.processedRows * 100) / r.totalRows)) : 0;
}

const view = (r: repo.BulkJobListed): BulkJobView => ({
  id: r.id,
  kind: r.kind,
  dryRun: r.dryRun,
  status: r.status,
  fileName: r.fileName,
  totalRows: r.totalRows,
  processedRows: r.processedRows,
  progressPercent: progressOf(r),
  createdCount: r.createdCount,
  updatedCount: r.updatedCount,
  errorCount: r.errorCount,
  failureReason: r.failureReason,
  requestedBy: r.requestedBy,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
const detail = (r: repo.BulkJobSummary): BulkJobDetailView => ({ ...view(r), errors: r.errors, errorsTruncated: r.errorCount > r.errors.length });

/** A file name for display and download: no path, no control or quoting characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f"';]/g, '').trim().slice(0, 200);
}

export function createBulkJobService({ db, jobQueue }: { db: Db; jobQueue: JobQueue }) {
  /** The job row and its job in one transaction: a worker sees the job only once the row exists. */
  async function start(ctx: Ctx, row: { kind: 'import' | 'export'; dryRun?: boolean; fileName: string | null; input?: string }, origin: AuditOrigin): Promise<BulkJobDetailView> {
    const tenantId = storeOf(ctx);
    const actor = ctx.actor;
    const requestedBy = actorLabel(actor);
    const payloadActor: BulkJobPayload['actor'] = actor.kind === 'staff' || actor.kind === 'api_key' ? actor : { kind: 'system', name: requestedBy };
    return inTransaction(db, { tenantId }, async (tx) => {
      const job = await repo.insertBulkJob(tx, { id: uuidv7(), tenantId, requestedBy, ...row });
      const payload: BulkJobPayload = { tenantId, jobId: job.id, actor: payloadActor, origin: { ip: origin.ip, userAgent: origin.userAgent, requestId: origin.requestId } };
      // One queue per store: its imports and exports run one after another, never against each other.
      // A few attempts cover a crash or a write that raced the import; more would only repeat a lasting failure.
      await jobQueue.enqueue<BulkJobPayload>(tx, BULK_JOB_TASK, payload, { queue: `catalog-bulk:${tenantId}`, maxAttempts: BULK_JOB_MAX_ATTEMPTS });
      await recordAudit(tx, { ...origin, tenantId, actor, action: `catalog.${row.kind}_requested`, targetType: 'catalog_bulk_job', targetId: job.id, changes: { after: { fileName: job.fileName, dryRun: job.dryRun } } });
      return detail(job);
    });
  }

  return {
    requestImport(ctx: Ctx, csv: string, options: { dryRun: boolean; fileName?: string | undefined }, origin: AuditOrigin = {}): Promise<BulkJobDetailView> {
      return start(ctx, { kind: 'import', dryRun: options.dryRun, fileName: options.fileName ? cleanFileName(options.fileName) || null : null, input: csv }, origin);
    },
    requestExport(ctx: Ctx, origin: AuditOrigin = {}): Promise<BulkJobDetailView> {
      return start(ctx, { kind: 'export', fileName: `catalog-${new Date().toISOString().slice(0, 10)}.csv` }, origin);
    },
    async get(ctx: Ctx, id: string): Promise<BulkJobDetailView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findBulkJob(tx, tenantId, id));
      if (!row) throw jobNotFound();
      return detail(row);
    },
    async list(ctx: Ctx, page: PageQuery): Promise<Page<BulkJobView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listBulkJobs(tx, tenantId, page)), page.limit, view);
    },
    /** The CSV a finished export produced. */
    async file(ctx: Ctx, id: string): Promise<{ fileName: string; csv: string }> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findBulkJobOutput(tx, tenantId, id));
      if (!row) throw jobNotFound();
      if (row.kind !== 'export' || row.status !== 'succeeded' || row.output === null) {
        throw new DomainError('CATALOG_BULK_FILE_CONFLICT', row.kind === 'export' ? `The export is ${row.status}; its file is ready once it has succeeded.` : 'Only an export has a file to download.');
      }
      return { fileName: row.fileName ?? 'catalog.csv', csv: row.output };
    },
  };
}

export type BulkJobService = ReturnType<typeof createBulkJobService>;
