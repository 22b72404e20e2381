import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/platform/health/checks.ts';
import { openRedis, redisCheck } from '../../src/platform/redis/redis.ts';
import { createRedisRateLimiter } from '../../src/platform/ratelimit/rate-limiter.redis.ts';
import { captureLogger } from '../app.ts';
import { freePort } from '../free-port.ts';

const limits = {
  auth: { points: 1, durationSeconds: 60 },
  write: { points: 2, durationSeconds: 60 },
  public: { points: 1, durationSeconds: 60 },
  general: { points: 1, durationSeconds: 60 },
  form: { points: 1, durationSeconds: 60 },
};

describe('Redis configured but not there at start', () => {
  it('starts anyway: degraded check, limits from memory, one log line, and a close that does not hang', async () => {
    const { log, logs } = captureLogger();
    const port = await freePort(); // nothing listens here
    const started = Date.now();
    const redis = await openRedis(`redis://:hunter2-password@127.0.0.1:${port}`, log, 300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(redis.isReady()).toBe(false);

    expect(await runCheck(redisCheck(redis))).toMatchObject({ name: 'redis', status: 'degraded', detail: expect.stringMatching(/not connected/) });

    const limiter = createRedisRateLimiter(limits, redis.client, 'winkel-test:absent');
    const decisions = [await limiter.consume('write', 'ip'), await limiter.consume('write', 'ip'), await limiter.consume('write', 'ip')];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);

    await new Promise((r) => setTimeout(r, 800)); // a few reconnect attempts
    const closing = Date.now();
    await redis.close();
    expect(Date.now() - closing).toBeLessThan(1_000);

    const redisLines = logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('redis'));
    expect(redisLines.map((l) => l.msg)).toEqual(['redis unavailable; retrying in the background']);
    expect(JSON.stringify(logs)).not.toContain('hunter2');
  });
});
