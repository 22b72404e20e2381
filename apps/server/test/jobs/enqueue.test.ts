import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '../../src/platform/jobs/job-task.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from './harness.ts';

let h: JobsHarness;
beforeEach(async () => {
  h = await jobsHarness();
});
afterEach(async () => {
  await h.close();
});

class Rollback extends Error {}

function countingTask() {
  const runs = new Map<string, number>();
  const task = defineTask('test.count', z.object({ label: z.string() }), async (_ctx, { label }) => {
    runs.set(label, (runs.get(label) ?? 0) + 1);
  });
  return { task, runs };
}

describe('enqueueing inside a transaction', () => {
  it('never runs a job whose transaction rolled back, and runs a committed one exactly once', async () => {
    const { task, runs } = countingTask();
    await expect(
      h.database.db.transaction(async (tx) => {
        await h.queue.enqueue(tx, task, { label: 'rolled-back' });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await h.database.db.transaction(async (tx) => {
      await h.queue.enqueue(tx, task, { label: 'committed' });
    });
    expect((await h.jobs()).map((j) => j.task_identifier)).toEqual(['test.count']);

    // Two runners, as two instances would be.
    await h.startRunner([task]);
    await h.startRunner([task]);
    await waitFor(() => runs.get('committed') === 1, 10_000, 'the committed job');
    await sleep(1_500); // 15 poll intervals: long enough for a duplicate or a ghost to show up
    expect(Object.fromEntries(runs)).toEqual({ committed: 1 });
    expect(await h.jobs()).toEqual([]);
  });

  it('runs each of many committed jobs exactly once across two runners, and none of the rolled-back ones', async () => {
    const { task, runs } = countingTask();
    for (let i = 0; i < 40; i++) {
      const commit = i % 2 === 0;
      await h.database.db
        .transaction(async (tx) => {
          await h.queue.enqueue(tx, task, { label: `${commit ? 'c' : 'r'}${i}` });
          if (!commit) tx.rollback();
        })
        .catch(() => undefined);
    }
    await h.startRunner([task], { WORKER_CONCURRENCY: '4' });
    await h.startRunner([task], { WORKER_CONCURRENCY: '4' });
    await waitFor(() => runs.size === 20, 15_000, '20 committed jobs');
    await sleep(1_000);
    expect([...runs.keys()].every((label) => label.startsWith('c'))).toBe(true);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(await h.jobs()).toEqual([]);
  });

  it('stores run-at, max attempts, priority and queue, and de-duplicates by job key', async () => {
    const { task } = countingTask();
    const later = new Date(Date.now() + 60 * 60_000);
    await h.database.db.transaction(async (tx) => {
      await h.queue.enqueue(tx, task, { label: 'a' }, { runAt: later, maxAttempts: 3, priority: -5, queue: 'serial' });
      await h.queue.enqueue(tx, task, { label: 'defaults' });
    });
    for (const label of ['first', 'second']) {
      await h.database.db.transaction((tx) => h.queue.enqueue(tx, task, { label }, { jobKey: 'only-one', runAt: later }));
    }
    const [a, defaults, keyed, ...rest] = await h.jobs();
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ max_attempts: 3, priority: -5, queue_name: 'serial' });
    expect(a!.due_in).toBeGreaterThan(3500);
    expect(defaults).toMatchObject({ max_attempts: h.config.worker.maxAttempts, priority: 0, queue_name: null });
    expect(keyed).toMatchObject({ key: 'only-one' });

    // A job due in an hour is not run now.
    const { task: same, runs } = countingTask();
    await h.startRunner([same]);
    await waitFor(() => runs.has('defaults'), 10_000, 'the due job');
    await sleep(500);
    expect([...runs.keys()]).toEqual(['defaults']);
  });

  it('rejects, inside the caller’s transaction, a payload the task’s schema refuses', async () => {
    const { task } = countingTask();
    await expect(
      h.database.db.transaction((tx) => h.queue.enqueue(tx, task, { label: 42 } as unknown as { label: string })),
    ).rejects.toThrow(/label/);
    expect(await h.jobs()).toEqual([]);
  });
});
