import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Logger } from '../logging/logger.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * Asks for a store's job after a commit: "there is work for this store's `task`". The first ask
 * queues the job at once; asks within the next `windowMs` are folded into one more, queued when
 * the window ends. The job carries the key `<task>:<store>`, so a waiting one is reused rather
 * than doubled, even across servers. The task must find its work itself (rows marked as pending):
 * an ask is lost if the process stops before making it, so a scheduled run catches up.
 */
export interface JobNudger {
  nudge(tenantId: string): void;
  /** Makes the asks still folded in a window and waits for those under way. */
  close(): Promise<void>;
}

export interface JobNudgerOptions {
  db: Db;
  jobQueue: JobQueue;
  task: string;
  log: Logger;
  windowMs: number;
}

export function createJobNudger({ db, jobQueue, task, log, windowMs }: JobNudgerOptions): JobNudger {
  /** Stores within a window, and whether another ask came in it. */
  const windows = new Map<string, { timer: NodeJS.Timeout; again: boolean }>();
  const underWay = new Set<Promise<void>>();
  let closed = false;

  function enqueue(tenantId: string): void {
    const sent = inTransaction(db, { tenantId }, async (tx) => {
      await jobQueue.enqueue(tx, task, { tenantId }, { jobKey: `${task}:${tenantId}`, jobKeyMode: 'preserve_run_at' });
    }).catch((err: unknown) => log.warn({ err, task, tenantId }, 'could not queue the job; its scheduled run will catch up'));
    underWay.add(sent);
    void sent.finally(() => underWay.delete(sent));
  }

  function nudge(tenantId: string): void {
    if (closed) return;
    const open = windows.get(tenantId);
    if (open) {
      open.again = true;
      return;
    }
    enqueue(tenantId);
    const timer = setTimeout(() => {
      const again = windows.get(tenantId)?.again ?? false;
      windows.delete(tenantId);
      if (again) nudge(tenantId);
    }, windowMs);
    timer.unref();
    windows.set(tenantId, { timer, again: false });
  }

  async function close(): Promise<void> {
    closed = true;
    for (const [tenantId, open] of windows) {
      clearTimeout(open.timer);
      if (open.again) enqueue(tenantId);
    }
    windows.clear();
    await Promise.all(underWay);
  }

  return { nudge, close };
}
