import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, PermanentJobError } from '../../src/platform/jobs/job-task.ts';
import { deleteJob, listFailedJobs, retryJob } from '../../src/platform/jobs/jobs.repository.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from './harness.ts';

let h: JobsHarness;
beforeEach(async () => {
  h = await jobsHarness();
});
afterEach(async () => {
  await h.close();
});

const payload = z.object({ n: z.number() });

describe('failing jobs', () => {
  it('retries with exponential backoff and, after max attempts, is kept and listed as failed', async () => {
    const attempts: number[] = [];
    const task = defineTask('test.flaky', payload, async (_ctx, _p, job) => {
      attempts.push(job.attempt);
      throw new Error(`boom ${job.attempt}`);
    });
    const { id } = await h.database.db.transaction((tx) => h.queue.enqueue(tx, task, { n: 987_654 }, { maxAttempts: 3 }));
    await h.startRunner([task]);

    // Each failure schedules the next run exp(attempts) seconds later; we check the delay, then skip it.
    for (const attempt of [1, 2]) {
      await waitFor(async () => (await h.jobs())[0]?.attempts === attempt && (await h.jobs())[0]?.locked_at === null, 10_000, `failure ${attempt}`);
      const [job] = await h.jobs();
      expect(job!.last_error).toBe(`boom ${attempt}`);
      expect(job!.due_in).toBeGreaterThan(Math.exp(attempt) - 1);
      expect(job!.due_in).toBeLessThanOrEqual(Math.exp(attempt));
      await sleep(300);
      expect(attempts).toHaveLength(attempt); // not run again before its time
      await h.makeDue();
    }
    await waitFor(() => attempts.length === 3, 10_000, 'the third attempt');
    await waitFor(async () => (await listFailedJobs(h.database.db)).jobs.length === 1, 5_000, 'the job to be listed as failed');
    await h.makeDue();
    await sleep(500);
    expect(attempts).toEqual([1, 2, 3]); // never a fourth

    const { jobs, nextCursor } = await listFailedJobs(h.database.db);
    expect(nextCursor).toBeNull();
    expect(jobs[0]).toMatchObject({ id, task: 'test.flaky', attempts: 3, maxAttempts: 3, lastError: 'boom 3' });
    expect(Math.abs(jobs[0]!.failedAt.getTime() - Date.now())).toBeLessThan(5_000);

    // graphile's own failure reports arrive through our logger, without the payload.
    const failures = h.logs.filter((l) => l.component === 'jobs' && l.level === 'error');
    expect(failures.map((l) => l.msg)).toEqual([1, 2, 3].map((n) => expect.stringMatching(new RegExp(`^Failed task ${id} .*attempt ${n} of 3\\) with error 'boom ${n}'`))));
    expect(JSON.stringify(h.logs)).not.toContain('987654');
  });

  it('fails an invalid payload permanently on its first run, without calling the handler', async () => {
    let called = false;
    const task = defineTask('test.strict', payload, async () => {
      called = true;
    });
    // Enqueued by name, so no schema stands in the way (a producer of another version, say).
    await h.database.db.transaction((tx) => h.queue.enqueue(tx, 'test.strict', { n: 'not a number' }));
    await h.startRunner([task]);
    await waitFor(async () => (await listFailedJobs(h.database.db)).jobs.length === 1, 10_000, 'the job to fail');
    await h.makeDue();
    await sleep(500);
    const [job] = await h.jobs();
    expect(called).toBe(false);
    expect(job).toMatchObject({ attempts: 1, max_attempts: 1 });
    expect(job!.last_error).toMatch(/^invalid payload: .*n/s);
  });

  it('fails a job permanently when its handler throws PermanentJobError', async () => {
    let runs = 0;
    const task = defineTask('test.hopeless', payload, async () => {
      runs++;
      throw new PermanentJobError('the order no longer exists');
    });
    await h.database.db.transaction((tx) => h.queue.enqueue(tx, task, { n: 1 }));
    await h.startRunner([task]);
    await waitFor(async () => (await listFailedJobs(h.database.db)).jobs.length === 1, 10_000, 'the job to fail');
    await h.makeDue();
    await sleep(500);
    expect(runs).toBe(1);
    expect((await listFailedJobs(h.database.db)).jobs[0]).toMatchObject({ attempts: 1, lastError: 'the order no longer exists' });
  });

  it('pages failed jobs newest first, and retries or deletes them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await h.database.db.transaction((tx) => h.queue.enqueue(tx, 'test.page', { i }))).id);
    }
    await h.database.db.execute(sql`select graphile_worker.permanently_fail_jobs(array[${ids[0]}, ${ids[1]}, ${ids[2]}, ${ids[3]}]::bigint[], 'gave up')`);

    const first = await listFailedJobs(h.database.db, { limit: 3 });
    expect(first.jobs.map((j) => j.id)).toEqual([ids[3], ids[2], ids[1]]);
    const second = await listFailedJobs(h.database.db, { limit: 3, cursor: first.nextCursor });
    expect(second.jobs.map((j) => j.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();

    expect(await retryJob(h.database.db, ids[4]!)).toBe(false); // waiting, not failed
    expect(await retryJob(h.database.db, ids[3]!)).toBe(true);
    expect(await deleteJob(h.database.db, ids[2]!)).toBe(true);
    expect(await deleteJob(h.database.db, ids[2]!)).toBe(false);
    expect((await listFailedJobs(h.database.db)).jobs.map((j) => j.id)).toEqual([ids[1], ids[0]]);

    const runs: number[] = [];
    const task = defineTask('test.page', z.object({ i: z.number() }), async (_ctx, { i }) => {
      runs.push(i);
    });
    await h.startRunner([task]);
    await waitFor(() => runs.length === 2, 10_000, 'the retried and the waiting job');
    expect(runs.sort()).toEqual([3, 4]);
  });
});
