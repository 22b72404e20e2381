import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { auditActions, login, makeStore, PASSWORD, signIn, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;
let shop: StoreFixture;

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeStore(t, 'refresh-shop');
});
afterAll(() => t.close());

const refresh = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload, headers });
const me = (accessToken: string) => t.app.inject({ url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${accessToken}` } });

describe('refresh tokens', () => {
  it('rotate on every use: the new one works, the old one is spent', async () => {
    const first = await signIn(t, shop.handle, shop.ownerEmail);
    const r1 = await refresh({ refreshToken: first.refreshToken });
    expect(r1.statusCode).toBe(200);
    const second = r1.json() as { accessToken: string; refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);
    const r2 = await refresh({ refreshToken: second.refreshToken });
    expect(r2.statusCode).toBe(200);
  });

  it('reusing a rotated token revokes the whole session: the thief and the owner both lose it', async () => {
    const s = await signIn(t, shop.handle, shop.ownerEmail);
    const rotated = (await refresh({ refreshToken: s.refreshToken })).json() as { accessToken: string; refreshToken: string };
    const reuse = await refresh({ refreshToken: s.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('AUTH_REFRESH_INVALID');
    expect((await refresh({ refreshToken: rotated.refreshToken })).statusCode).toBe(401);
    expect((await me(rotated.accessToken)).statusCode).toBe(401);
    expect(await auditActions(t, shop.storeId)).toContain('staff.refresh_token_reused');
  });

  it('refuses an unknown or garbage token with 401', async () => {
    expect((await refresh({ refreshToken: 'wrt_' + 'x'.repeat(43) })).statusCode).toBe(401);
    expect((await refresh({})).statusCode).toBe(401);
  });

  it('works through the HttpOnly cookie when asked with X-Refresh-Cookie: 1', async () => {
    const res = await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD }, { headers: { 'x-refresh-cookie': '1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().refreshToken).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Secure-winkel-refresh=wrt_[\w-]+; Path=\/api\/v1\/admin\/auth; Max-Age=604800; HttpOnly; Secure; SameSite=Strict$/);
    const pair = cookie.split(';')[0]!;
    const next = await refresh({}, { cookie: pair });
    expect(next.statusCode).toBe(200);
    expect(next.json().refreshToken).toBeUndefined();
    const nextCookie = String(next.headers['set-cookie']).split(';')[0]!;
    expect(nextCookie).not.toBe(pair);
    expect((await refresh({}, { cookie: pair })).statusCode).toBe(401);
  });

  it('refuses a refresh that is not a JSON body (no cross-site form posts)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: '__Secure-winkel-refresh=wrt_abc' }, payload: 'a=b' });
    expect(res.statusCode).toBe(415);
  });
});

describe('sessions', () => {
  it('lists your live sessions with pagination and marks the current one', async () => {
    const a = await signIn(t, shop.handle, shop.ownerEmail);
    await signIn(t, shop.handle, shop.ownerEmail);
    const page1 = await t.app.inject({ url: '/api/v1/admin/auth/sessions?limit=1', headers: a.auth });
    expect(page1.statusCode).toBe(200);
    const body1 = page1.json() as { data: Array<{ id: string; current: boolean }>; nextCursor: string };
    expect(body1.data).toHaveLength(1);
    expect(body1.nextCursor).toBeTruthy();
    const all = await t.app.inject({ url: '/api/v1/admin/auth/sessions?limit=100', headers: a.auth });
    const sessions = (all.json() as { data: Array<{ id: string; current: boolean }> }).data;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const page2 = await t.app.inject({ url: `/api/v1/admin/auth/sessions?limit=1&cursor=${body1.nextCursor}`, headers: a.auth });
    expect((page2.json() as { data: Array<{ id: string }> }).data[0]!.id).not.toBe(body1.data[0]!.id);
  });

  it('revoking one session ends its tokens; an unknown id is 404', async () => {
    const a = await signIn(t, shop.handle, shop.ownerEmail);
    const b = await signIn(t, shop.handle, shop.ownerEmail);
    const sid = JSON.parse(Buffer.from(b.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/auth/sessions/${sid}`, headers: a.auth });
    expect(del.statusCode).toBe(204);
    expect((await me(b.accessToken)).statusCode).toBe(401);
    expect((await refresh({ refreshToken: b.refreshToken })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/auth/sessions/${sid}`, headers: a.auth });
    expect(again.statusCode).toBe(404);
  });
});
