import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('exposes request durations by route template, in-flight requests, pool and process metrics', async () => {
    await t.app.inject({ url: '/api/v1' });
    await t.app.inject({ url: '/api/v1/no-such-thing/123' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toMatch(/http_request_duration_seconds_bucket\{[^}]*method="GET"[^}]*route="\/api\/v1"[^}]*status_code="200"/);
    expect(body).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched"[^}]*status_code="404"/);
    expect(body).not.toContain('/api/v1/no-such-thing/123');
    expect(body).toMatch(/^http_requests_in_flight \d+/m);
    expect(body).toMatch(/^db_pool_connections_total \d+/m);
    expect(body).toMatch(/^db_pool_connections_idle \d+/m);
    expect(body).toMatch(/^db_pool_requests_waiting \d+/m);
    expect(body).toContain('process_resident_memory_bytes');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('/metrics with a token', () => {
  let t: TestApp;
  const token = 'metrics-token-0123456789-abcdefghij';
  beforeAll(async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  it('refuses without the bearer token and serves with it', async () => {
    const none = await t.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('http_request_duration_seconds');
  });
});
