import { Redis as RedisClient } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server.ts';
import { captureLogger, testConfig } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { hasRedisServer, startRedisServer, type RedisServer } from '../redis-server.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const serverEnv = { WORKER_IN_SERVER: 'false', MIGRATE_ON_START: 'false', RATE_LIMIT_GENERAL: '5/60' };

describe('the runtime without REDIS_URL', () => {
  it('keeps rate limits, cache and pub/sub in the process and reports no redis check', async () => {
    const server = await createServer(testConfig(serverEnv, db.url), captureLogger().log);
    try {
      expect(server.runtime.redis).toBeNull();
      expect((await server.app.inject({ url: '/api/v1' })).headers['ratelimit-limit']).toBe('5');
      const health = (await server.app.inject({ url: '/health' })).json() as { checks: Array<{ name: string }> };
      expect(health.checks.map((c) => c.name)).not.toContain('redis');
      await server.runtime.cache.set('k', 'v', { ttlSeconds: 60 });
      expect(await server.runtime.cache.get('k')).toBe('v');
    } finally {
      await server.shutdown('test');
    }
  });
});

/** A redis-server of its own: the runtime uses the production key prefix, which must not meet other runs' keys. */
describe.skipIf(!hasRedisServer)(hasRedisServer ? 'the runtime with REDIS_URL' : 'the runtime with REDIS_URL (SKIPPED: redis-server is not on PATH)', () => {
  let redis: RedisServer;
  let probe: RedisClient;
  beforeAll(async () => {
    redis = await startRedisServer();
    probe = new RedisClient(redis.url);
  });
  afterAll(async () => {
    probe?.disconnect();
    await redis?.kill();
  });

  it('opens Redis, counts the server’s requests and caches there, checks it in /health, and closes it on shutdown', async () => {
    const server = await createServer(testConfig({ ...serverEnv, REDIS_URL: redis.url }, db.url), captureLogger().log);
    try {
      expect(server.runtime.redis?.isReady()).toBe(true);
      await server.app.inject({ url: '/api/v1' });
      const res = await server.app.inject({ url: '/api/v1' });
      expect(res.headers['ratelimit-remaining']).toBe('3');
      expect(await probe.get('winkel:rl:general:127.0.0.1')).toBe('2');

      await server.runtime.cache.set('k', { v: 1 }, { ttlSeconds: 60 });
      expect(await probe.get('winkel:cache:k')).toBe('{"v":1}');

      const health = (await server.app.inject({ url: '/health' })).json() as { status: string; checks: Array<{ name: string; status: string }> };
      expect(health.checks.find((c) => c.name === 'redis')).toMatchObject({ status: 'ok' });
    } finally {
      await server.shutdown('test');
    }
    expect(server.runtime.redis?.client.status).toBe('end');
  });
});
