import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server.ts';
import { captureLogger, testConfig } from '../app.ts';
import { serverDir } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { freePort } from '../free-port.ts';

const made: TestDatabase[] = [];
afterAll(async () => {
  for (const db of made) await db.drop();
});

async function freshDb(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  made.push(db);
  return db;
}

/** Runs `winkel start` until it is ready, then stops it; returns everything it printed. */
async function startOnce(dbUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: dbUrl, PORT: String(port), LOG_LEVEL: 'info', WORKER_IN_SERVER: 'false', REDIS_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 150 && !out.includes('Winkel is running'); i++) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return out;
}

describe('the demo store on first start', () => {
  it('is made once with a random one-time password, printed in the banner and never logged', async () => {
    const db = await freshDb();
    const first = await startOnce(db.url);
    const password = /Password\s+(\S+)/.exec(first)?.[1];
    expect(password, first).toMatch(/^[\w-]{20}$/);
    expect(first).toContain('owner@demo.winkel.local');
    const logLines = first.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(password!);
    expect(logLines.join('\n')).toContain('created the demo store on first start');

    const second = await startOnce(db.url);
    expect(second).toContain('Winkel is running');
    expect(second).not.toMatch(/Password\s/);
    expect(second).not.toContain(password!);
  }, 90_000);

  it('works for signing in, differs per database, and several instances starting together make one store', async () => {
    const [db1, db2] = [await freshDb(), await freshDb()];
    const start = (url: string) => createServer(testConfig({ PORT: '0', WORKER_IN_SERVER: 'false' }, url), captureLogger().log);
    const servers = await Promise.all([start(db1.url), start(db1.url), start(db2.url)]);
    try {
      const seeds = servers.map((s) => s.demoStore);
      expect(seeds.slice(0, 2).filter(Boolean)).toHaveLength(1);
      const seed1 = (seeds[0] ?? seeds[1])!;
      const seed2 = seeds[2]!;
      expect(seed1.password).not.toBe(seed2.password);
      const { rows } = await servers[0]!.runtime.database.pool.query('select handle, default_currency, locale, timezone from stores');
      expect(rows).toEqual([{ handle: 'demo', default_currency: 'EUR', locale: 'en', timezone: 'Europe/Amsterdam' }]);
      const res = await servers[0]!.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', payload: { store: 'demo', email: seed1.email, password: seed1.password } });
      expect(res.statusCode).toBe(200);
    } finally {
      for (const s of servers) await s.shutdown('test');
    }
  }, 60_000);
});
