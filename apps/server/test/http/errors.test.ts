import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '../../src/platform/errors.ts';
import { buildTestApp, type TestApp } from '../app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    routes: (app) => {
      const typed = app.withTypeProvider<ZodTypeProvider>();
      typed.post(
        '/api/v1/test/echo',
        {
          schema: {
            body: z.object({ name: z.string().min(1), quantity: z.number().int().positive() }),
            response: { 200: z.object({ name: z.string(), quantity: z.number() }) },
          },
        },
        async (request) => request.body,
      );
      typed.get('/api/v1/test/boom', { schema: { response: { 200: z.object({}) } } }, async () => {
        throw new Error('relation "secret_table" does not exist at Parser.parseErrorMessage');
      });
      typed.get('/api/v1/test/busy', { schema: { response: { 200: z.object({}) } } }, async () => {
        throw new Error('Failed query: update stock_levels …', { cause: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }) });
      });
      typed.get('/api/v1/test/taken', { schema: { response: { 200: z.object({}) } } }, async () => {
        throw new DomainError('CATALOG_SKU_TAKEN', 'SKU ABC-1 is already used by another variant.', [{ path: 'body.sku', message: 'is taken' }]);
      });
    },
  });
});
afterAll(() => t.close());

function expectProblem(res: { headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:winkel:problem:/), title: expect.any(String), detail: expect.any(String), instance: expect.any(String), request_id: expect.any(String) });
  expect(body.request_id).toBe(res.headers['x-request-id']);
  return body;
}

describe('problem+json for every error class', () => {
  it('unknown route → 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(expectProblem(res, 404, 'NOT_FOUND').instance).toBe('/api/v1/nothing-here');
  });

  it('wrong method on a known route → 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/test/echo' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
  });

  it('a route whose shape matches but whose wildcard is empty → 404, not 405', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/media/' });
    expect(res.statusCode).toBe(404);
    expectProblem(res, 404, 'NOT_FOUND');
  });

  it('a database too busy to answer in time → 503 with Retry-After, no SQL in the answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/busy' });
    expect(res.headers['retry-after']).toBe('1');
    expect(expectProblem(res, 503, 'SERVICE_BUSY').detail).not.toMatch(/stock_levels|statement/);
  });

  it('body over the limit → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(4096), quantity: 1 }) });
    expect(res.statusCode).toBe(413);
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('wrong content type → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('malformed JSON → 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": "a",' });
    expect(res.statusCode).toBe(400);
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('schema violations → 422 naming each field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { name: '', quantity: -2 } });
    expect(res.statusCode).toBe(422);
    const body = expectProblem(res, 422, 'VALIDATION_FAILED');
    const paths = (body.errors as Array<{ path: string; message: string }>).map((e) => e.path).sort();
    expect(paths).toEqual(['body.name', 'body.quantity']);
  });

  it('a domain error keeps its code, status and fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/taken' });
    expect(res.statusCode).toBe(409);
    const body = expectProblem(res, 409, 'CATALOG_SKU_TAKEN');
    expect(body.errors).toEqual([{ path: 'body.sku', message: 'is taken' }]);
  });

  it('an unexpected failure → generic 500 without internals, fully logged', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = expectProblem(res, 500, 'INTERNAL');
    expect(res.body).not.toMatch(/secret_table|Parser|at /);
    expect(body.detail).toContain(body.request_id as string);
    const logged = t.logs.find((l) => l.msg === 'request failed' && l.request_id === body.request_id);
    expect(JSON.stringify(logged)).toContain('secret_table');
  });
});
