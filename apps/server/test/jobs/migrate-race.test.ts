import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrationsFolder, runMigrations } from '../../src/platform/db/migrate.ts';
import { startJobRunner } from '../../src/platform/jobs/job-runner.ts';
import { defineTask } from '../../src/platform/jobs/job-task.ts';
import { captureLogger, testConfig } from '../app.ts';
import { createTestDatabase } from '../db.ts';
import { waitFor } from './harness.ts';

async function scalar(url: string, text: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0]?.v;
  } finally {
    await client.end();
  }
}

describe('migrating from several processes at once', () => {
  // Servers and workers starting together all migrate; job runners also run graphile's own
  // migrations, outside our advisory lock. Each round starts from an empty database.
  it.each([1, 2, 3])('leaves one complete schema and a working queue (round %i)', async () => {
    const db = await createTestDatabase({ migrated: false });
    const { log } = captureLogger('warn');
    const config = testConfig({ WORKER_POLL_MS: '100' }, db.url);
    let ran = 0;
    const task = defineTask('test.after-race', z.object({}), async () => {
      ran++;
    });
    try {
      const [, , runner] = await Promise.all([
        runMigrations(db.url, log),
        runMigrations(db.url, log),
        startJobRunner({ config, databaseUrl: db.url, log, tasks: [task] }),
      ]);
      try {
        expect(await scalar(db.url, 'select count(*)::int as v from drizzle.__drizzle_migrations')).toBe(readMigrationFiles({ migrationsFolder }).length);
        expect(await scalar(db.url, 'select count(*)::int as v from graphile_worker.migrations')).toBe(await scalar(db.url, 'select max(id) as v from graphile_worker.migrations'));
        await scalar(db.url, `select 1 as v from graphile_worker.add_job('test.after-race')`);
        await waitFor(() => ran === 1, 10_000, 'a job after the race');
      } finally {
        await runner.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
