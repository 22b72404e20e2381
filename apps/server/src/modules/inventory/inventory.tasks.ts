import { z } from 'zod';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import type { InventoryDeps } from './inventory.deps.ts';
import { stockLowTask } from './low-stock.ts';
import { createReservationService } from './reservation.service.ts';

export const RELEASE_EXPIRED_TASK = 'inventory.release-expired';
/** Every minute (graphile-worker's crontab syntax; its finest grain). */
export const RELEASE_EXPIRED_SCHEDULE = '* * * * *';

/** Releases the expired reservations of every store; scheduled, and safe to run at any time or twice. */
export function releaseExpiredTask(deps: InventoryDeps): TaskDefinition {
  const reservations = createReservationService(deps);
  // Scheduled runs carry graphile's `_cron` details, which the task does not need.
  const task = defineTask(RELEASE_EXPIRED_TASK, z.looseObject({}), async (ctx) => {
    await reservations.releaseExpired(ctx);
  });
  return { ...task, schedule: RELEASE_EXPIRED_SCHEDULE };
}

/** Every job task of the inventory module. */
export function inventoryTasks(deps: InventoryDeps): TaskDefinition[] {
  return [releaseExpiredTask(deps), stockLowTask];
}
