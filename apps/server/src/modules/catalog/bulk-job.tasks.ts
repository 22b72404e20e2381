import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { createBulkExportRunner } from './bulk-export.service.ts';
import { createBulkImportRunner } from './bulk-import.service.ts';
import * as jobs from './bulk-job.repository.ts';
import type { BulkRun } from './bulk-run.ts';

export const BULK_JOB_TASK = 'catalog.bulk-job';
export const BULK_JOB_MAX_ATTEMPTS = 3;

export const bulkJobPayload = z.object({
  tenantId: z.uuid(),
  jobId: z.uuid(),
  actor: z.union([z.object({ kind: z.enum(['staff', 'api_key']), id: z.string() }), z.object({ kind: z.literal('system'), name: z.string() })]),
  origin: z.object({ ip: z.string().nullish(), userAgent: z.string().nullish(), requestId: z.string().nullish() }).optional(),
});
export type BulkJobPayload = z.input<typeof bulkJobPayload>;

/**
 * Runs a queued import or export. A run that throws is retried (a crash,
 * a conflicting write, the worker stopping); once the last attempt fails, the
 * job is marked failed so the API no longer shows it running.
 */
export function bulkJobTask(deps: { db: Db }): TaskDefinition<BulkJobPayload> {
  const runImport = createBulkImportRunner(deps);
  const runExport = createBulkExportRunner(deps);
  return defineTask(BULK_JOB_TASK, bulkJobPayload, async (ctx, payload, job) => {
    const run: BulkRun = { jobId: payload.jobId, signal: job.signal, actor: payload.actor, origin: payload.origin };
    const found = await inTransaction(deps.db, { tenantId: payload.tenantId }, (tx) => jobs.findBulkJob(tx, payload.tenantId, payload.jobId));
    if (!found) return;
    try {
      await (found.kind === 'import' ? runImport(ctx, run) : runExport(ctx, run));
    } catch (err) {
      if (job.attempt >= job.maxAttempts) {
        ctx.log.error({ err, bulkJobId: payload.jobId }, 'catalog bulk job failed for good');
        const failureReason = `The ${found.kind} stopped on an unexpected error; nothing was changed. Quote ${ctx.requestId} when reporting it.`;
        await inTransaction(deps.db, { tenantId: payload.tenantId }, (tx) => jobs.finishBulkJob(tx, payload.tenantId, payload.jobId, { status: 'failed', failureReason }));
      }
      throw err;
    }
  });
}

/** Every job task of the catalog module. */
export function catalogTasks(deps: { db: Db }): TaskDefinition[] {
  return [bulkJobTask(deps)];
}
