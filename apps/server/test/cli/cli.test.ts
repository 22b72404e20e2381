import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { runCli } from './run-cli.ts';

const made: TestDatabase[] = [];
afterAll(async () => {
  for (const db of made) await db.drop();
});

describe('winkel CLI', () => {
  it('config check: a bad environment stops with one line per problem, exit 78, no stack trace', async () => {
    const res = await runCli(['config', 'check'], { PORT: 'http', LOG_LEVEL: 'chatty', DATABASE_URL: undefined });
    expect(res.code).toBe(78);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^winkel: config: PORT: must be a whole number \(example: PORT=3000\)$/);
    expect(lines[1]).toMatch(/^winkel: config: LOG_LEVEL: must be one of/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('config check: production refuses weak secrets', async () => {
    const res = await runCli(['config', 'check'], { NODE_ENV: 'production', APP_SECRET: 'short', PUBLIC_URL: 'https://shop.example.com' });
    expect(res.code).toBe(78);
    expect(res.stderr).toContain('APP_SECRET: is shorter than 32 bytes');
  });

  it('config check: prints the effective configuration with secrets masked', async () => {
    const res = await runCli(['config', 'check'], { APP_SECRET: 'a-very-long-secret-value-of-forty-bytes!!', DATABASE_URL: 'postgres://app:pw-visible-never@db:5432/x' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^configuration is valid/);
    expect(res.stdout).not.toContain('a-very-long-secret');
    expect(res.stdout).not.toContain('pw-visible-never');
    expect(JSON.parse(res.stdout.slice(res.stdout.indexOf('{'))).port).toBe(3000);
  });

  it('usage errors exit 2 with the usage on stderr', async () => {
    const res = await runCli(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^winkel: unknown command "frobnicate"/);
    expect(res.stderr).toContain('usage: winkel <command>');
  });

  it('migrate: two processes racing on an empty database both succeed and apply each migration once', async () => {
    const db = await createTestDatabase({ migrated: false });
    made.push(db);
    const [a, b] = await Promise.all([runCli(['migrate'], { DATABASE_URL: db.url }), runCli(['migrate'], { DATABASE_URL: db.url })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const applied = [a.stdout, b.stdout].map((out) => Number(/(\d+) applied now/.exec(out)?.[1]));
    const total = Number(/(\d+) in total/.exec(a.stdout)?.[1]);
    expect(applied.sort()).toEqual([0, total]);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = await client.query('select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash');
      expect(rows.rowCount).toBe(total);
      expect(rows.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
      const jobs = await client.query(`select to_regclass('graphile_worker.jobs') as t`);
      expect(jobs.rows[0].t).not.toBeNull();
    } finally {
      await client.end();
    }
  });

  it('migrate: fails with one line on stderr and exit 1 when the database is unreachable', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^winkel: /);
  });
});
