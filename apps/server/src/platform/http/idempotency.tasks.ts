import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { defineTask, type TaskDefinition } from '../jobs/job-task.ts';
import { deleteExpiredIdempotencyKeys } from './idempotency-store.ts';

export const DELETE_EXPIRED_KEYS_TASK = 'idempotency.delete-expired';
/** Hourly: keys live a day or more, so an hour's delay in deleting them does not matter. */
export const DELETE_EXPIRED_KEYS_SCHEDULE = '17 * * * *';

/** Deletes the expired Idempotency-Keys of every store; scheduled, and safe to run at any time or twice. */
export function idempotencyTasks({ db }: { db: Db }): TaskDefinition[] {
  // Scheduled runs carry graphile's `_cron` details, which the task does not need.
  const task = defineTask(DELETE_EXPIRED_KEYS_TASK, z.looseObject({}), async (ctx) => {
    await deleteExpiredIdempotencyKeys(db, ctx.log);
  });
  return [{ ...task, schedule: DELETE_EXPIRED_KEYS_SCHEDULE }];
}
