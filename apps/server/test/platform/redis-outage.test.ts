import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/platform/cache/cache.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts';

const PASSWORD = 'pw-s3cret-never-logged';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Runs a redis-server of its own, because it kills and restarts it under a
 * live app; the shared Redis must stay up for everyone else.
 */
describe.skipIf(!hasRedisServer)(hasRedisServer ? 'when Redis goes away and comes back' : 'when Redis goes away (SKIPPED: redis-server is not on PATH)', () => {
  let server: RedisServer;
  let t: TestApp;
  const prefix = `winkel-test:${randomBytes(6).toString('hex')}`;
  const received: JsonValue[] = [];
  const receivedLate: JsonValue[] = [];
  const post = () => t.app.inject({ method: 'POST', url: '/api/v1/test/things' });
  const health = async () => (await t.app.inject({ url: '/health' })).json() as { status: string; checks: Array<{ name: string; status: string; detail?: string }> };
  const logged = (msg: string, role: string) => t.logs.filter((l) => l.msg === msg && l.role === role);

  beforeAll(async () => {
    server = await startRedisServer({ password: PASSWORD });
    t = await buildTestApp({
      env: { REDIS_URL: server.url, RATE_LIMIT_WRITE: '3/60' },
      redisKeyPrefix: prefix,
      routes: (app) => void app.post('/api/v1/test/things', async () => ({ ok: true })),
    });
    await t.shared.pubsub.subscribe('events', (m) => void received.push(m));
  });
  afterAll(async () => {
    await t?.close();
    await server?.kill();
  });

  it('counts in Redis and reports it ok while it is up', async () => {
    expect(t.redis?.isReady()).toBe(true);
    expect((await post()).headers['ratelimit-remaining']).toBe('2');
    expect(await t.redis!.client.get(`${prefix}:rl:write:127.0.0.1`)).toBe('1');
    const body = await health();
    expect(body.status).toBe('ready');
    expect(body.checks.find((c) => c.name === 'redis')).toMatchObject({ status: 'ok' });
  });

  it('keeps serving with per-instance limits, reports degraded, and logs the loss once', async () => {
    await server.kill();

    // The in-memory fallback starts from zero: three allowed, the fourth refused.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const res = await post();
      statuses.push(res.statusCode);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(res.headers['ratelimit-limit']).toBe('3');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await t.app.inject({ url: '/api/v1' })).statusCode).toBe(200);

    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Awaited<ReturnType<typeof health>>;
    expect(body.status).toBe('degraded');
    expect(body.checks.find((c) => c.name === 'redis')).toMatchObject({ status: 'degraded', detail: expect.any(String) });
    expect(body.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'ok' });

    // The cache misses and drops writes quietly, but says when an invalidation could not happen.
    await t.shared.cache.set('k', 1, { ttlSeconds: 60 });
    expect(await t.shared.cache.get('k')).toBeUndefined();
    await expect(t.shared.cache.invalidateTag('catalog')).rejects.toThrow();

    // Subscribing while Redis is away neither hangs nor fails; the subscription starts when Redis returns.
    const subscribing = Date.now();
    await t.shared.pubsub.subscribe('late', (m) => void receivedLate.push(m));
    expect(Date.now() - subscribing).toBeLessThan(3_000);
    await expect(t.shared.pubsub.publish('events', 'lost')).rejects.toThrow();

    await sleep(1_000); // several reconnect attempts
    expect(logged('redis connection lost; retrying in the background', 'commands')).toHaveLength(1);
    expect(logged('redis connection lost; retrying in the background', 'subscriber')).toHaveLength(1);
  });

  it('returns to Redis once it is back: ready again, counts shared again, subscriptions restored, recovery logged once', async () => {
    await server.start();
    await until(async () => (await health()).status === 'ready', 10_000);
    expect(logged('redis connection restored', 'commands')).toHaveLength(1);

    expect((await post()).statusCode).toBe(200);
    expect(await t.redis!.client.get(`${prefix}:rl:write:127.0.0.1`)).toBe('1');

    await until(async () => {
      await t.shared.pubsub.publish('events', { after: 'restart' });
      await sleep(100);
      return received.length > 0;
    }, 10_000);
    expect(received[0]).toEqual({ after: 'restart' });
    await t.shared.pubsub.publish('late', 'welcome');
    await until(() => receivedLate.length > 0, 2_000);
    expect(receivedLate).toEqual(['welcome']);
    expect(logged('redis connection restored', 'subscriber')).toHaveLength(1);
    expect(logged('redis connection lost; retrying in the background', 'commands')).toHaveLength(1);
  });

  it('never writes the Redis password to the log', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(t.logs)).not.toContain(PASSWORD);
  });
});
