import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('request ids', () => {
  it('echoes a sane incoming X-Request-ID and puts it on the request log lines', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1', headers: { 'x-request-id': 'edge-42.abc_DEF' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const lines = t.logs.filter((l) => l.request_id === 'edge-42.abc_DEF');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(lines.find((l) => l.msg === 'incoming request')).toMatchObject({ req: { method: 'GET', url: '/api/v1' } });
    expect(lines.find((l) => l.msg === 'request completed')).toMatchObject({ res: { statusCode: 200 } });
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['forbidden characters', 'abc def<script>'],
    ['header injection attempt', 'abc\\r\\nset-cookie: x=1'],
    ['empty', ''],
  ])('replaces an incoming id that is %s with a generated one', async (_why, incoming) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1', headers: { 'x-request-id': incoming } });
    const id = res.headers['x-request-id'] as string;
    expect(id).not.toBe(incoming);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates a distinct id when none is sent', async () => {
    const [a, b] = await Promise.all([t.app.inject({ url: '/api/v1' }), t.app.inject({ url: '/api/v1' })]);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('keeps a 128-character id (the longest allowed)', async () => {
    const id = 'x'.repeat(128);
    const res = await t.app.inject({ url: '/api/v1', headers: { 'x-request-id': id } });
    expect(res.headers['x-request-id']).toBe(id);
  });
});

describe('logging', () => {
  it('never logs authorization headers, cookies or request bodies', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1',
      headers: { authorization: 'Bearer sk_live_topsecret', cookie: 'session=topsecret' },
      payload: { password: 'topsecret' },
    });
    expect(JSON.stringify(t.logs)).not.toContain('topsecret');
  });
});
