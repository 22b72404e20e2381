import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { buildTestApp, type TestApp } from '../app.ts';
import { createStore } from '../security/fixtures.ts';
import { operator, operatorRequests, PLATFORM_TOKEN } from './platform-fixtures.ts';

let on: TestApp;
let off: TestApp;
let storeId: string;
beforeAll(async () => {
  [on, off] = await Promise.all([buildTestApp({ env: { PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN } }), buildTestApp()]);
  storeId = await createStore(on.database, 'auth-shop');
});
afterAll(async () => {
  await Promise.all([on?.close(), off?.close()]);
});

describe('platform operator API: who may call it', () => {
  it('answers 401 to every route without a token, with a wrong token, or with a staff-style token, before reading the body', async () => {
    const wrongs = [{}, operator('nope'), operator(`${PLATFORM_TOKEN}x`), operator(PLATFORM_TOKEN.slice(0, -1)), { authorization: PLATFORM_TOKEN }];
    for (const headers of wrongs) {
      for (const req of operatorRequests(storeId)) {
        const res = await on.app.inject({ ...req, headers, ...(req.payload ? { payload: { unexpected: true } } : {}) });
        expect(res.statusCode, `${req.method} ${req.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json()).toMatchObject({ code: 'PLATFORM_UNAUTHENTICATED' });
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
    const after = await on.app.inject({ url: `/api/v1/platform/stores/${storeId}`, headers: operator() });
    expect(after.json()).toMatchObject({ status: 'active' });
  });

  it('accepts the token only as a bearer header, not in a query string or cookie', async () => {
    const res = await on.app.inject({ url: `/api/v1/platform/stores?token=${PLATFORM_TOKEN}`, headers: { cookie: `token=${PLATFORM_TOKEN}` } });
    expect(res.statusCode).toBe(401);
  });

  it('does not exist when PLATFORM_ADMIN_TOKEN is unset: every route answers 404 exactly like an unknown path, whatever the token', async () => {
    const unknown = await off.app.inject({ url: '/api/v1/no-such-thing' });
    for (const headers of [{}, operator()]) {
      for (const req of operatorRequests(uuidv7())) {
        const res = await off.app.inject({ ...req, headers });
        expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404, title: (unknown.json() as { title: string }).title });
        expect(res.headers.allow).toBeUndefined();
      }
    }
    const doc = (await off.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/platform'))).toEqual([]);
    expect(Object.keys(doc.components.securitySchemes)).not.toContain('platformToken');
  });

  it('appears in the OpenAPI document with its own security scheme when enabled', async () => {
    const doc = (await on.app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.components.securitySchemes.platformToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = [
      doc.paths['/api/v1/platform/stores']?.post,
      doc.paths['/api/v1/platform/stores']?.get,
      doc.paths['/api/v1/platform/stores/{id}']?.get,
      doc.paths['/api/v1/platform/stores/{id}']?.patch,
    ];
    for (const op of ops) {
      expect(op?.security).toEqual([{ platformToken: [] }]);
      expect(Object.keys(op?.responses ?? {}).some((s) => s.startsWith('2'))).toBe(true);
    }
  });
});

describe('platform operator API: rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN, RATE_LIMIT_AUTH: '3/60' } });
  });
  afterAll(() => limited?.close());

  it('counts every call, right or wrong token, against the auth tier', async () => {
    const codes: number[] = [];
    for (const headers of [operator(), operator('guess-1'), operator('guess-2'), operator()]) {
      codes.push((await limited.app.inject({ url: '/api/v1/platform/stores', headers })).statusCode);
    }
    expect(codes).toEqual([200, 401, 401, 429]);
  });
});
