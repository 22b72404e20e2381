import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp, type BuildTestAppOptions, type TestApp } from '../app.ts';

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

function routes(app: App) {
  app.post('/api/v1/test/login', { config: { rateLimitTier: 'auth' } }, async () => ({ ok: true }));
  app.get('/api/v1/test/form', { config: { rateLimitTier: 'public' } }, async () => ({ ok: true }));
  app.get('/api/v1/test/things', async () => ({ ok: true }));
  app.post('/api/v1/test/things', async () => ({ ok: true }));
}

async function testApp(env: Record<string, string>, options: BuildTestAppOptions = {}): Promise<TestApp> {
  const t = await buildTestApp({ env, routes, ...options });
  open.push(t);
  return t;
}

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After once a tier is spent, with RateLimit-* on every limited response', async () => {
    const t = await testApp({ RATE_LIMIT_WRITE: '3/60' });
    for (const remaining of [2, 1, 0]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/things' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(String(remaining));
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
      expect(res.headers['retry-after']).toBeUndefined();
    }

    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/test/things' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'urn:winkel:problem:rate-limited', instance: '/api/v1/test/things', request_id: refused.headers['x-request-id'] });
    expect(refused.headers['ratelimit-limit']).toBe('3');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-reset']).toBe(String(retryAfter));

    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/^rate_limit_rejections_total\{tier="write"\} 1$/m);
  });

  it('counts each route against its tier: declared, write for writes, general for reads and unmatched paths, none for ops routes', async () => {
    const t = await testApp({ RATE_LIMIT_AUTH: '2/60', RATE_LIMIT_WRITE: '3/60', RATE_LIMIT_PUBLIC: '4/60', RATE_LIMIT_GENERAL: '5/60' });
    const limitOf = async (method: 'GET' | 'POST' | 'HEAD', url: string) => (await t.app.inject({ method, url })).headers['ratelimit-limit'];
    expect(await limitOf('POST', '/api/v1/test/login')).toBe('2');
    expect(await limitOf('POST', '/api/v1/test/things')).toBe('3');
    expect(await limitOf('GET', '/api/v1/test/form')).toBe('4');
    expect(await limitOf('GET', '/api/v1/test/things')).toBe('5');
    expect(await limitOf('HEAD', '/api/v1/test/things')).toBe('5');
    expect(await limitOf('POST', '/api/v1/test/nowhere')).toBe('5');

    for (let i = 0; i < 12; i++) {
      for (const url of ['/health/live', '/health/ready', '/health', '/metrics']) {
        const res = await t.app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['ratelimit-limit'], url).toBeUndefined();
      }
    }
  });

  it('keeps tiers apart: a spent auth budget leaves reads and writes alone', async () => {
    const t = await testApp({ RATE_LIMIT_AUTH: '1/60', RATE_LIMIT_WRITE: '2/60' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/login' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/login' })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/things' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/test/things' })).statusCode).toBe(200);
  });

  it('counts per client IP, taken from X-Forwarded-For only when TRUST_PROXY trusts the sender', async () => {
    const t = await testApp({ RATE_LIMIT_WRITE: '1/60', TRUST_PROXY: '127.0.0.1' });
    const post = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/test/things', headers: { 'x-forwarded-for': ip } });
    expect((await post('203.0.113.1')).statusCode).toBe(200);
    expect((await post('203.0.113.1')).statusCode).toBe(429);
    expect((await post('203.0.113.2')).statusCode).toBe(200);

    const untrusting = await testApp({ RATE_LIMIT_WRITE: '1/60' });
    const spoof = (ip: string) => untrusting.app.inject({ method: 'POST', url: '/api/v1/test/things', headers: { 'x-forwarded-for': ip } });
    expect((await spoof('203.0.113.1')).statusCode).toBe(200);
    expect((await spoof('203.0.113.2')).statusCode).toBe(429);
  });

  const redisUrl = process.env.REDIS_URL;
  it(
    redisUrl
      ? 'shares one budget between two instances through Redis (REDIS_URL is set)'
      : 'counts separately in two instances without Redis (REDIS_URL is not set)',
    async () => {
      const env = { RATE_LIMIT_WRITE: '4/60' };
      const prefix = `winkel-test:${randomBytes(6).toString('hex')}`;
      const a = await testApp(env, { redisKeyPrefix: prefix });
      const b = await testApp(env, { redisKeyPrefix: prefix });
      expect(a.redis !== null && b.redis !== null).toBe(Boolean(redisUrl));
      const post = (t: TestApp) => t.app.inject({ method: 'POST', url: '/api/v1/test/things' });

      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) for (const t of [a, b]) statuses.push((await post(t)).statusCode);
      const allowed = statuses.filter((s) => s === 200).length;
      if (redisUrl) {
        expect(allowed).toBe(4);
        expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      } else {
        expect(allowed).toBe(8);
        expect(statuses.slice(8)).toEqual([429, 429]);
      }
    },
  );
});
