import client from 'prom-client';
import type { Db } from '../db/database.ts';
import type { Registry } from '../metrics/registry.ts';
import { countJobs, type JobCounts } from './jobs.repository.ts';

/**
 * Queue gauges, read at scrape time by one query shared by the three gauges.
 * The queue is shared by every instance, so every instance reports the same
 * numbers: aggregate with max(), not sum(). NaN when the query fails, so a
 * database outage does not take the rest of the scrape down with it.
 */
export function registerJobMetrics(registry: Registry, db: Db): void {
  let scrape: Promise<JobCounts | null> | undefined;
  const counts = () =>
    (scrape ??= countJobs(db)
      .catch(() => null)
      .finally(() => {
        scrape = undefined;
      }));
  const gauge = (name: string, help: string, pick: (c: JobCounts) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const c = await counts();
        this.set(c ? pick(c) : Number.NaN);
      },
    });
  gauge('jobs_queued', 'Jobs waiting to run, now or later (retries waiting out their backoff included)', (c) => c.queued);
  gauge('jobs_running', 'Jobs held by a worker', (c) => c.running);
  gauge('jobs_failed', 'Jobs that failed permanently and are kept for inspection', (c) => c.failed);
}
