import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createServer, type Server } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { captureLogger, testConfig } from '../app.ts';
import { freePort } from '../free-port.ts';
import { spawn } from 'node:child_process';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function startServer(env: Record<string, string>): Promise<{ server: Server; base: string }> {
  const port = await freePort();
  const config = testConfig({ PORT: String(port), WORKER_IN_SERVER: 'false', MIGRATE_ON_START: 'false', ...env }, db.url);
  const server = await createServer(config, captureLogger().log, {
    beforeReady: (app) => {
      app.withTypeProvider<ZodTypeProvider>().get(
        '/api/v1/test/slow',
        { schema: { querystring: z.object({ ms: z.coerce.number().int().max(10_000) }), response: { 200: z.object({ sleptMs: z.number() }) } } },
        async (request) => {
          await new Promise((r) => setTimeout(r, request.query.ms));
          return { sleptMs: request.query.ms };
        },
      );
    },
  });
  return { server, base: await server.listen() };
}

describe('graceful shutdown', () => {
  it('finishes an in-flight slow request, refuses new connections, then closes the pools', async () => {
    const { server, base } = await startServer({});
    const slow = fetch(`${base}/api/v1/test/slow?ms=1500`);
    await new Promise((r) => setTimeout(r, 300));

    const stopped = server.shutdown('SIGTERM');
    expect(server.state.shuttingDown).toBe(true);

    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sleptMs: 1500 });
    await stopped;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    expect(server.runtime.database.pool.totalCount).toBe(0);
  });

  it('turns readiness to 503 at once and keeps serving during the drain period', async () => {
    const { server, base } = await startServer({ SHUTDOWN_DRAIN_MS: '800' });
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const stopped = server.shutdown('SIGTERM');
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Array<{ name: string; status: string }> };
    expect(body.checks[0]).toMatchObject({ name: 'shutdown', status: 'fail' });
    expect((await fetch(`${base}/api/v1`)).status).toBe(200);
    await stopped;
  });
});

describe('the server process', () => {
  it('exits 0 on SIGTERM after it is ready', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'warn', WORKER_IN_SERVER: 'false' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    }
    expect(ready).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

