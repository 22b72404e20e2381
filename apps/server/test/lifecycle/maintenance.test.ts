import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readMaintenance, setMaintenance, watchMaintenance } from '../../src/platform/lifecycle/maintenance.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import type { App } from '../../src/app.ts';

const writeRoute = (app: App) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/test/notes',
    { schema: { body: z.object({ text: z.string() }), response: { 201: z.object({ text: z.string() }) } } },
    async (request, reply) => reply.code(201).send(request.body),
  );
};

describe('maintenance mode switched in the database', () => {
  let t: TestApp;
  let watcher: ReturnType<typeof watchMaintenance>;
  beforeAll(async () => {
    t = await buildTestApp({ routes: writeRoute });
    watcher = watchMaintenance(t.database.db, t.state, false, 60_000, t.log);
  });
  afterAll(async () => {
    watcher.stop();
    await t.close();
  });

  it('serves reads, refuses writes with 503 + Retry-After, reports it in health, and lifts cleanly', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'a' } })).statusCode).toBe(201);

    await setMaintenance(t.database.db, true, 'Upgrading the database, back in 5 minutes.');
    await watcher.refresh();

    const write = await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'b' } });
    expect(write.statusCode).toBe(503);
    expect(write.headers['retry-after']).toBe('300');
    expect(write.headers['content-type']).toContain('application/problem+json');
    expect(write.json()).toMatchObject({ code: 'MAINTENANCE', status: 503, detail: 'Upgrading the database, back in 5 minutes.' });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect((await t.app.inject({ method, url: '/api/v1/test/notes' })).statusCode).toBe(503);
    }

    expect((await t.app.inject({ url: '/api/v1' })).statusCode).toBe(200);
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().maintenance).toMatchObject({ enabled: true, source: 'database' });

    await setMaintenance(t.database.db, false);
    await watcher.refresh();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'c' } })).statusCode).toBe(201);
    expect((await t.app.inject({ url: '/health' })).json().maintenance.enabled).toBe(false);
  });

  it('is switched by the CLI for every instance sharing the database', async () => {
    const run = (arg: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'maintenance', arg], {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...process.env, DATABASE_URL: t.config.database.url!, NODE_ENV: 'test' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const on = run('on');
    expect(on.status, on.stderr).toBe(0);
    expect(on.stdout).toMatch(/^maintenance: on since /);
    expect((await readMaintenance(t.database.db)).enabled).toBe(true);
    await watcher.refresh();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'd' } })).statusCode).toBe(503);

    const off = run('off');
    expect(off.status, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/^maintenance: off/);
    await watcher.refresh();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'e' } })).statusCode).toBe(201);
  });
});

describe('maintenance mode forced by configuration', () => {
  it('MAINTENANCE_MODE=true blocks writes whatever the database says', async () => {
    const t = await buildTestApp({ routes: writeRoute, env: { MAINTENANCE_MODE: 'true', MAINTENANCE_RETRY_AFTER_SECONDS: '60' } });
    const watcher = watchMaintenance(t.database.db, t.state, t.config.lifecycle.maintenanceMode, 60_000, t.log);
    try {
      await watcher.refresh();
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/notes', payload: { text: 'x' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('60');
      expect((await t.app.inject({ url: '/health' })).json().maintenance).toMatchObject({ enabled: true, source: 'config' });
    } finally {
      watcher.stop();
      await t.close();
    }
  });
});
