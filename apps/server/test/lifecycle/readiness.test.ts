import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/platform/db/embedded-postgres.ts';
import { runMigrations } from '../../src/platform/db/migrate.ts';
import { buildTestApp, captureLogger, type TestApp } from '../app.ts';
import { freePort } from '../free-port.ts';

/**
 * This file runs a PostgreSQL of its own, because it stops and restarts it
 * under a live app; the shared test server must stay up for everyone else.
 */
describe('readiness follows the database', () => {
  let dir: string;
  let port: number;
  let pg: EmbeddedPostgres;
  let t: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'winkel-ready-'));
    port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir: dir, port });
    await runMigrations(pg.url, captureLogger('warn').log);
    t = await buildTestApp({ db: { url: pg.url, name: 'winkel', drop: async () => undefined } });
  });
  afterAll(async () => {
    await t?.close();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 naming the database while it is stopped, and 200 again once it is back, without a restart', async () => {
    const before = await t.app.inject({ url: '/health/ready' });
    expect(before.statusCode).toBe(200);
    expect(before.json().status).toBe('ready');

    await pg.stop();
    const down = await t.app.inject({ url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    const body = down.json() as { status: string; checks: Array<{ name: string; status: string; detail?: string }> };
    expect(body.status).toBe('not_ready');
    expect(body.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'fail', detail: expect.any(String) });
    expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const summary = await t.app.inject({ url: '/health' });
    expect(summary.statusCode).toBe(503);

    pg = await startEmbeddedPostgres({ dataDir: dir, port });
    let after = await t.app.inject({ url: '/health/ready' });
    for (let i = 0; i < 20 && after.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await t.app.inject({ url: '/health/ready' });
    }
    expect(after.statusCode).toBe(200);
    expect(after.json().status).toBe('ready');
  });

  it('answers 503 when migrations are missing', async () => {
    const { rows } = await t.database.pool.query('select id, hash, created_at from drizzle.__drizzle_migrations');
    await t.database.pool.query('delete from drizzle.__drizzle_migrations');
    try {
      const res = await t.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.find((c: { name: string }) => c.name === 'migrations')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/not applied/) });
    } finally {
      for (const row of rows) await t.database.pool.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [row.id, row.hash, row.created_at]);
    }
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  });

  it('answers 503 when free disk falls below the threshold', async () => {
    const greedy = await buildTestApp({ db: { url: pg.url, name: 'winkel', drop: async () => undefined }, env: { HEALTH_MIN_FREE_DISK_MB: String(Number.MAX_SAFE_INTEGER) } });
    try {
      const res = await greedy.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.find((c: { name: string }) => c.name === 'disk')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/below/) });
    } finally {
      await greedy.close();
    }
  });
});
