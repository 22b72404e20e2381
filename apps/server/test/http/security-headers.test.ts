import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  it.each(['/api/v1', '/health/live', '/api/v1/does-not-exist'])('are on every response (%s)', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS only over HTTPS (as told by a trusted proxy)', async () => {
    const plain = await t.app.inject({ url: '/api/v1' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({ url: '/api/v1', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});

describe('HTTPS enforcement', () => {
  it('redirects plain HTTP to HTTPS (301) and believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const t = await buildTestApp({ env: { FORCE_HTTPS: 'true', TRUST_PROXY: '10.0.0.1' } });
    try {
      const plain = await t.app.inject({ url: '/api/v1?x=1', headers: { host: 'shop.example.com' }, remoteAddress: '10.0.0.1' });
      expect(plain.statusCode).toBe(301);
      expect(plain.headers.location).toBe('https://shop.example.com/api/v1?x=1');

      const viaProxy = await t.app.inject({ url: '/api/v1', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.0.0.1' });
      expect(viaProxy.statusCode).toBe(200);

      const spoofed = await t.app.inject({ url: '/api/v1', headers: { 'x-forwarded-proto': 'https', host: 'shop.example.com' }, remoteAddress: '203.0.113.9' });
      expect(spoofed.statusCode).toBe(301);

      const probe = await t.app.inject({ url: '/health/live', remoteAddress: '10.0.0.1' });
      expect(probe.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { CORS_ORIGINS: 'https://shop.example.com,http://localhost:5173' } });
  });
  afterAll(() => t.close());

  it('allows an origin on the allowlist, with credentials', async () => {
    const res = await t.app.inject({ url: '/api/v1', headers: { origin: 'https://shop.example.com' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(String(res.headers.vary)).toMatch(/Origin/i);
  });

  it('answers a preflight from an allowed origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('idempotency-key');
  });

  it('gives no CORS grant to an origin not on the list', async () => {
    for (const origin of ['https://evil.example.com', 'https://shop.example.com.evil.com', 'null']) {
      const res = await t.app.inject({ url: '/api/v1', headers: { origin } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await t.app.inject({ method: 'OPTIONS', url: '/api/v1', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
