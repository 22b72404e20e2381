import { sql } from 'drizzle-orm';
import type { Config } from '../../src/config.ts';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { createJobQueue, type JobQueue } from '../../src/platform/jobs/job-queue.ts';
import { startJobRunner, type JobRunner } from '../../src/platform/jobs/job-runner.ts';
import type { TaskDefinition } from '../../src/platform/jobs/job-task.ts';
import type { Logger } from '../../src/platform/logging/logger.ts';
import { captureLogger, testConfig } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

export type JobRow = {
  id: string;
  task_identifier: string;
  queue_name: string | null;
  priority: number;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  key: string | null;
  locked_at: string | null;
  /** Seconds from now until run_at (negative when due). */
  due_in: number;
};

export interface JobsHarness {
  db: TestDatabase;
  database: Database;
  config: Config;
  log: Logger;
  logs: Array<Record<string, unknown>>;
  queue: JobQueue;
  /** Starts a runner (polling every 100 ms) over these tasks; closed by close(). */
  startRunner(tasks: readonly TaskDefinition[], env?: Record<string, string>): Promise<JobRunner>;
  jobs(): Promise<JobRow[]>;
  /** Makes every waiting job due now (skips the retry backoff). */
  makeDue(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh migrated database, a pool over it, and runners that poll fast. */
export async function jobsHarness(env: Record<string, string> = {}): Promise<JobsHarness> {
  const db = await createTestDatabase();
  const { log, logs } = captureLogger('debug');
  const config = testConfig({ WORKER_POLL_MS: '100', ...env }, db.url);
  const database = createDatabase({ url: db.url, max: 5, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1_000 }, log);
  const runners: JobRunner[] = [];
  return {
    db,
    database,
    config,
    log,
    logs,
    queue: createJobQueue(config.worker),
    async startRunner(tasks, runnerEnv = {}) {
      const runnerConfig = testConfig({ WORKER_POLL_MS: '100', ...env, ...runnerEnv }, db.url);
      const runner = await startJobRunner({ config: runnerConfig, databaseUrl: db.url, log, tasks });
      runners.push(runner);
      return runner;
    },
    async jobs() {
      const result = await database.db.execute<JobRow>(sql`
        select id::text as id, task_identifier, queue_name, priority, attempts, max_attempts, last_error, key, locked_at::text as locked_at,
               extract(epoch from run_at - now())::float8 as due_in
        from graphile_worker.jobs order by id`);
      return result.rows;
    },
    async makeDue() {
      await database.db.execute(sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs), run_at => now())`);
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await database.close();
      await db.drop();
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
