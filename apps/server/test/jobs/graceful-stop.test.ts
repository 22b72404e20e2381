import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '../../src/platform/jobs/job-task.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from './harness.ts';

let h: JobsHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('stopping the job runner', () => {
  it('lets a running job finish and takes no new ones', async () => {
    h = await jobsHarness();
    const events: string[] = [];
    const task = defineTask('test.slow', z.object({ label: z.string() }), async (_ctx, { label }) => {
      events.push(`start ${label}`);
      await sleep(1_500);
      events.push(`end ${label}`);
    });
    await h.database.db.transaction((tx) => h!.queue.enqueue(tx, task, { label: 'first' }));
    const runner = await h.startRunner([task]);
    await waitFor(() => events.length === 1, 10_000, 'the job to start');

    const stopped = runner.stop();
    await sleep(200);
    await h.database.db.transaction((tx) => h!.queue.enqueue(tx, task, { label: 'second' }));
    await stopped;

    expect(events).toEqual(['start first', 'end first']);
    const jobs = await h.jobs();
    expect(jobs).toHaveLength(1); // the first completed; the second waits for the next worker
    expect(jobs[0]).toMatchObject({ attempts: 0, locked_at: null });
  });

  it('fails a job still running at the grace deadline so that it runs again later', async () => {
    // SHUTDOWN_TIMEOUT_MS=1000 gives a 750 ms grace, and the abort signal at 375 ms.
    h = await jobsHarness({ SHUTDOWN_TIMEOUT_MS: '1000' });
    let abortedAfterMs: number | undefined;
    let release: () => void = () => undefined;
    const task = defineTask('test.stuck', z.object({}), async (_ctx, _p, job) => {
      const started = Date.now();
      job.signal.addEventListener('abort', () => (abortedAfterMs = Date.now() - started));
      await new Promise<void>((resolve) => (release = resolve)); // ignores the signal
    });
    await h.database.db.transaction((tx) => h!.queue.enqueue(tx, task, {}));
    const runner = await h.startRunner([task]);
    await waitFor(async () => (await h!.jobs())[0]?.locked_at !== null, 10_000, 'the job to start');

    const started = Date.now();
    await runner.stop();
    const tookMs = Date.now() - started;
    release();

    expect(tookMs).toBeGreaterThanOrEqual(700);
    expect(tookMs).toBeLessThan(3_000);
    expect(abortedAfterMs).toBeGreaterThan(250);
    expect(abortedAfterMs).toBeLessThan(700);
    const [job] = await h.jobs();
    expect(job).toMatchObject({ attempts: 1, locked_at: null });
    expect(job!.last_error).toBeTruthy();
    expect(job!.max_attempts).toBeGreaterThan(1); // will be retried
  });
});
