import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { freePort } from '../free-port.ts';
import { runCli, serverDir } from './run-cli.ts';

const made: TestDatabase[] = [];
afterAll(async () => {
  for (const db of made) await db.drop();
});

function run(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, args, { cwd: serverDir, env: { ...process.env, NODE_ENV: 'development', ...env } });
}

describe('the compiled server (npm start)', () => {
  it('builds dist/cli.js, which starts, finds its migrations and package.json, answers ready, makes the demo pictures in a child process, and stops cleanly', async () => {
    const build = run(['scripts/build.js']);
    let buildOutput = '';
    build.stderr.on('data', (d) => (buildOutput += d));
    expect(await new Promise((resolve) => build.on('exit', resolve)), buildOutput).toBe(0);

    const db = await createTestDatabase({ migrated: false });
    made.push(db);
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'winkel-compiled-'));
    const server = run(['--enable-source-maps', 'dist/cli.js', 'start'], { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'info', WORKER_IN_SERVER: 'true', DATA_DIR: dataDir, STORAGE_DRIVER: 'disk', STORAGE_DISK_PATH: '', REDIS_URL: '' });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    server.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      let ready = 0;
      for (let i = 0; i < 300 && ready !== 200 && server.exitCode === null; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0);
        if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready, out).toBe(200);
      const meta = (await (await fetch(`http://127.0.0.1:${port}/api/v1`)).json()) as { version: string };
      const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
      expect(meta.version).toBe(pkg.version);

      // The first start queued the demo pictures; the server runs `winkel seed --demo-pictures` for them.
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        let counts = { products: 1, images: 0 };
        const done = () => counts.images >= counts.products && /added the demo catalog pictures in a child process/.test(out);
        for (let i = 0; i < 300 && !done(); i++) {
          const { rows } = await pool.query(`select (select count(*)::int from products) as products, (select count(*)::int from product_images) as images`);
          counts = rows[0];
          if (!done()) await new Promise((r) => setTimeout(r, 200));
        }
        expect(counts.products).toBeGreaterThan(40);
        expect(counts.images, out).toBe(counts.products);
        expect(out).toMatch(/added the demo catalog pictures in a child process/);
      } finally {
        await pool.end();
      }
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited, out).toBe(0);
    await rm(dataDir, { recursive: true, force: true });

    // Every migration was applied by the compiled build: the source CLI finds none left.
    const migrate = await runCli(['migrate'], { DATABASE_URL: db.url });
    expect(migrate.stdout).toMatch(/migrations: 0 applied now/);
  }, 120_000);
});
