import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDatabase } from '../../src/platform/db/database.ts';
import { registerJobMetrics } from '../../src/platform/jobs/job-metrics.ts';
import { defineTask } from '../../src/platform/jobs/job-task.ts';
import { createRegistry, type Registry } from '../../src/platform/metrics/registry.ts';
import { jobsHarness, waitFor, type JobsHarness } from './harness.ts';

let h: JobsHarness;
let registry: Registry;
beforeEach(async () => {
  h = await jobsHarness();
  registry = createRegistry();
  registerJobMetrics(registry, h.database.db);
});
afterEach(async () => {
  await h.close();
});

async function gauges(reg = registry): Promise<Record<string, number | undefined>> {
  const text = await reg.metrics();
  const value = (name: string) => {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  return { queued: value('jobs_queued'), running: value('jobs_running'), failed: value('jobs_failed') };
}

describe('job queue gauges', () => {
  it('report queued, running and permanently failed jobs at scrape time', async () => {
    expect(await gauges()).toEqual({ queued: 0, running: 0, failed: 0 });

    let finish: () => void = () => undefined;
    const block = defineTask('test.block', z.object({}), () => new Promise<void>((resolve) => (finish = resolve)));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await h.database.db.transaction((tx) => h.queue.enqueue(tx, 'test.other', { i }))).id);
    await h.database.db.execute(sql`select graphile_worker.permanently_fail_jobs(array[${ids[0]}]::bigint[], 'gave up')`);
    await h.database.db.transaction((tx) => h.queue.enqueue(tx, block, {}));
    expect(await gauges()).toEqual({ queued: 4, running: 0, failed: 1 });

    await h.startRunner([block]);
    await waitFor(async () => (await gauges()).running === 1, 10_000, 'the blocking job to run');
    expect(await gauges()).toEqual({ queued: 3, running: 1, failed: 1 });
    finish();
    await waitFor(async () => (await gauges()).running === 0, 10_000, 'the blocking job to finish');
    expect(await gauges()).toEqual({ queued: 3, running: 0, failed: 1 });
  });

  it('reads all three with one query per scrape', async () => {
    let queries = 0;
    h.database.pool.on('acquire', () => queries++);
    await registry.metrics();
    expect(queries).toBe(1);
  });

  it('reports NaN rather than failing the scrape when the database is unreachable', async () => {
    const broken = createDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', max: 1, statementTimeoutMs: 1000, idleInTransactionTimeoutMs: 1000, slowQueryMs: 1000 }, h.log);
    const reg = createRegistry();
    registerJobMetrics(reg, broken.db);
    try {
      const values = await gauges(reg);
      expect(Object.values(values).every((v) => Number.isNaN(v))).toBe(true);
      expect(await reg.metrics()).toContain('process_cpu_seconds_total');
    } finally {
      await broken.close();
    }
  });
});
