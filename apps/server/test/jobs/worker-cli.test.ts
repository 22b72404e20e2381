import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, serverDir } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { waitFor } from './harness.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const workerConnections = async () =>
  (await query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'winkel-jobs'`, [db.name]))[0]!.n;

describe('winkel worker', () => {
  it('starts against the database, and on SIGTERM stops gracefully and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
      cwd: serverDir,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: db.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await waitFor(() => stdout.includes('"msg":"job worker started"'), 30_000, 'the worker to start');
      expect(await workerConnections()).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    expect(stdout).toContain('"msg":"job worker stopped"');
    expect(stdout).toContain('"msg":"shut down cleanly"');
    expect(stderr).toBe('');
    await waitFor(async () => (await workerConnections()) === 0, 5_000, 'its connections to close');
  });
});

describe('winkel jobs', () => {
  it('lists permanently failed jobs one line each, pages them, and retries one', async () => {
    const ids: string[] = [];
    for (const task of ['orders.email', 'orders.webhook']) {
      ids.push((await query<{ id: string }>(`select id::text from graphile_worker.add_job($1, '{}'::json)`, [task]))[0]!.id);
    }
    await query(`select graphile_worker.permanently_fail_jobs($1::bigint[], 'SMTP said no\nsecond line')`, [ids]);

    const all = await runCli(['jobs', 'failed'], { DATABASE_URL: db.url });
    expect(all.code, all.stderr).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${ids[1]}  orders\\.webhook  attempts 25/25  failed \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  SMTP said no$`));
    expect(lines[1]).toMatch(new RegExp(`^${ids[0]}  orders\\.email  `));

    const page = await runCli(['jobs', 'failed', '--limit', '1'], { DATABASE_URL: db.url });
    expect(page.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${ids[1]}  `)), `more: winkel jobs failed --limit 1 --cursor ${ids[1]}`]);

    const retried = await runCli(['jobs', 'retry', ids[0]!], { DATABASE_URL: db.url });
    expect(retried.stdout).toBe(`job ${ids[0]} queued to run again\n`);
    const after = await runCli(['jobs', 'failed'], { DATABASE_URL: db.url });
    expect(after.stdout.trim().split('\n')).toHaveLength(1);
    // Retrying it again finds no failed job: exit 1, so a script notices.
    const again = await runCli(['jobs', 'retry', ids[0]!], { DATABASE_URL: db.url });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(`no permanently failed job ${ids[0]}\n`);
    const gone = await runCli(['jobs', 'delete', '999999999'], { DATABASE_URL: db.url });
    expect(gone.code).toBe(1);
  });

  it('rejects a bad limit as a usage error', async () => {
    const res = await runCli(['jobs', 'failed', '--limit', '0'], { DATABASE_URL: db.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^winkel: jobs failed takes --limit N/);
  });
});
