import type { Actor } from '../../platform/context.ts';
import type { AuditOrigin } from '../security/index.ts';

/** One run of a bulk job by the worker. */
export interface BulkRun {
  jobId: string;
  /** Aborts when the worker is stopping: the run gives up, and the job runs again later. */
  signal: AbortSignal;
  /** Who asked for the job (audited as the one who changed the catalog). */
  actor?: Actor | undefined;
  origin?: AuditOrigin | undefined;
}
