import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';

/** Routes that are deliberately left out of the OpenAPI document. */
const HIDDEN_ALLOWED = [/^\/metrics$/, /^\/api\/v1\/openapi\.json$/, /^\/docs(\/|$)/];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the routes', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Winkel API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1', '/health/live', '/health/ready', '/health']));
    const ready = doc.paths['/health/ready']!.get!;
    expect(Object.keys(ready.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });

  it('serves the docs UI at /docs', async () => {
    const res = await t.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('every route declares its schema: a response for each, and input where it takes any', () => {
    const offenders: string[] = [];
    for (const route of t.app.routeCatalog) {
      if (route.method === 'OPTIONS' || route.method === 'HEAD') continue;
      if (route.hidden) {
        if (!HIDDEN_ALLOWED.some((re) => re.test(route.url))) offenders.push(`${route.method} ${route.url}: hidden from the API document`);
        continue;
      }
      if (!route.schema?.response) offenders.push(`${route.method} ${route.url}: no response schema`);
      const takesInput = /:\w+/.test(route.url);
      if (takesInput && !route.schema?.params) offenders.push(`${route.method} ${route.url}: no params schema`);
      if (['POST', 'PUT', 'PATCH'].includes(route.method) && !route.schema?.body) offenders.push(`${route.method} ${route.url}: no body schema`);
    }
    expect(offenders).toEqual([]);
    expect(t.app.routeCatalog.length).toBeGreaterThan(5);
  });
});
