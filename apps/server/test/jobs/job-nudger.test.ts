import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createJobNudger } from '../../src/platform/jobs/job-nudger.ts';
import { defineTask } from '../../src/platform/jobs/job-task.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from './harness.ts';

let h: JobsHarness;
beforeEach(async () => {
  h = await jobsHarness();
});
afterEach(async () => {
  await h.close();
});

const STORE_A = '0190f0a0-0000-7000-8000-00000000000a';
const STORE_B = '0190f0a0-0000-7000-8000-00000000000b';
const WINDOW_MS = 300;

function storeTask() {
  const runs: string[] = [];
  const task = defineTask('test.store-work', z.object({ tenantId: z.uuid() }), async (_ctx, { tenantId }) => {
    runs.push(tenantId);
  });
  return { task, runs };
}

describe('queueing several jobs in one statement', () => {
  it('queues one job per payload, each run once, and refuses them all when one payload is wrong', async () => {
    const { task, runs } = storeTask();
    const queued = await inTransaction(h.database.db, { tenantId: null }, (tx) => h.queue.enqueueMany(tx, task, [{ tenantId: STORE_A }, { tenantId: STORE_B }, { tenantId: STORE_A }], { priority: 3 }));
    expect(queued).toBe(3);
    expect((await h.jobs()).map((j) => [j.task_identifier, j.priority, j.max_attempts])).toEqual(Array(3).fill(['test.store-work', 3, h.config.worker.maxAttempts]));
    await expect(inTransaction(h.database.db, { tenantId: null }, (tx) => h.queue.enqueueMany(tx, task, [{ tenantId: STORE_A }, { tenantId: 'not-a-uuid' }]))).rejects.toThrow();
    expect(await h.jobs()).toHaveLength(3);
    await h.startRunner([task]);
    await waitFor(() => runs.length === 3);
    expect(runs.sort()).toEqual([STORE_A, STORE_A, STORE_B]);
  });
});

describe('asking for a store job after commits', () => {
  it('queues the first ask at once and folds the asks of a window into one job per store', async () => {
    const { task } = storeTask();
    const nudger = createJobNudger({ db: h.database.db, jobQueue: h.queue, task: task.name, log: h.log, windowMs: WINDOW_MS });
    for (let i = 0; i < 5; i++) nudger.nudge(STORE_A);
    nudger.nudge(STORE_B);
    await waitFor(async () => (await h.jobs()).length === 2, 2_000);
    const keys = (await h.jobs()).map((j) => j.key).sort();
    expect(keys).toEqual([`test.store-work:${STORE_A}`, `test.store-work:${STORE_B}`]);
    // The asks folded into A's window are made when it ends: the waiting job is reused, not doubled.
    await sleep(WINDOW_MS + 200);
    expect((await h.jobs()).filter((j) => j.key === `test.store-work:${STORE_A}`)).toHaveLength(1);
    await nudger.close();
  });

  it('folds an ask within the window even after its job ran, makes it when closed, and takes no ask after that', async () => {
    const { task, runs } = storeTask();
    await h.startRunner([task]);
    const nudger = createJobNudger({ db: h.database.db, jobQueue: h.queue, task: task.name, log: h.log, windowMs: 60_000 });
    nudger.nudge(STORE_A);
    await waitFor(() => runs.length === 1);
    nudger.nudge(STORE_A);
    await sleep(300);
    expect(runs).toHaveLength(1);
    await nudger.close();
    await waitFor(() => runs.length === 2);
    nudger.nudge(STORE_A);
    await sleep(300);
    expect(runs).toHaveLength(2);
  });
});
