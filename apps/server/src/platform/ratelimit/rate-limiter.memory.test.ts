import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './rate-limiter.memory.ts';

const limits = {
  auth: { points: 2, durationSeconds: 60 },
  write: { points: 3, durationSeconds: 30 },
  public: { points: 5, durationSeconds: 60 },
  general: { points: 10, durationSeconds: 60 },
  form: { points: 2, durationSeconds: 600 },
};

describe('in-memory rate limiter', () => {
  it('counts down the remaining budget, then refuses with the time left in the window', async () => {
    const limiter = createMemoryRateLimiter(limits);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.consume('write', '10.0.0.1'));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    for (const r of results) {
      expect(r.limit).toBe(3);
      expect(r.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(r.resetSeconds).toBeLessThanOrEqual(30);
    }
  });

  it('keeps a separate budget per tier and per key', async () => {
    const limiter = createMemoryRateLimiter(limits);
    await limiter.consume('auth', '10.0.0.1');
    await limiter.consume('auth', '10.0.0.1');
    expect((await limiter.consume('auth', '10.0.0.1')).allowed).toBe(false);
    expect(await limiter.consume('auth', '10.0.0.2')).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume('general', '10.0.0.1')).toMatchObject({ allowed: true, limit: 10, remaining: 9 });
  });

  it('gives each limiter its own counts (two instances do not share)', async () => {
    const a = createMemoryRateLimiter(limits);
    const b = createMemoryRateLimiter(limits);
    await a.consume('auth', 'k');
    await a.consume('auth', 'k');
    expect((await a.consume('auth', 'k')).allowed).toBe(false);
    expect((await b.consume('auth', 'k')).allowed).toBe(true);
  });
});
