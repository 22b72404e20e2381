import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { expireCartsOfAllStores } from './cart-expiry.service.ts';

export const EXPIRE_CARTS_TASK = 'carts.expire';
/** Hourly: an expired cart already answers 404, so the job only tidies up. */
export const EXPIRE_CARTS_SCHEDULE = '41 * * * *';

/** Every job task of the carts module; scheduled, and safe to run at any time or twice. */
export function cartTasks({ db }: { db: Db }): TaskDefinition[] {
  // Scheduled runs carry graphile's `_cron` details, which the task does not need.
  const task = defineTask(EXPIRE_CARTS_TASK, z.looseObject({}), async (ctx) => {
    await expireCartsOfAllStores(db, ctx);
  });
  return [{ ...task, schedule: EXPIRE_CARTS_SCHEDULE }];
}
