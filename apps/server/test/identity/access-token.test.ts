import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, keyIdOf } from '../../src/modules/identity/secret-keys.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { makeStore, signIn, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;
let shop: StoreFixture;
let claims: { sub: string; tid: string; sid: string };

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeStore(t, 'token-shop');
  const { accessToken } = await signIn(t, shop.handle, shop.ownerEmail);
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as typeof claims;
  claims = { sub: payload.sub, tid: payload.tid, sid: payload.sid };
});
afterAll(() => t.close());

const realKey = () => deriveKey(t.config.appSecret, 'staff-access-token');

async function forge(options: { key?: Uint8Array; audience?: string; issuer?: string; expiresAt?: number; alg?: string; kid?: string } = {}) {
  const key = options.key ?? realKey();
  return new SignJWT({ tid: claims.tid, sid: claims.sid })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT', kid: options.kid ?? keyIdOf(realKey()) })
    .setIssuer(options.issuer ?? t.config.publicUrl)
    .setAudience(options.audience ?? 'winkel-admin')
    .setSubject(claims.sub)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key);
}

const me = (token: string) => t.app.inject({ url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${token}` } });

describe('access tokens', () => {
  it('a token made like the real ones is accepted (the forgeries below differ in one thing each)', async () => {
    expect((await me(await forge())).statusCode).toBe(200);
  });

  it('refuses alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: keyIdOf(realKey()) })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ ...claims, iss: t.config.publicUrl, aud: 'winkel-admin', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const res = await me(`${header}.${body}.`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_UNAUTHENTICATED');
  });

  it('refuses another algorithm even with the right key (HS512)', async () => {
    expect((await me(await forge({ alg: 'HS512' }))).statusCode).toBe(401);
  });

  it('refuses a token signed with another key', async () => {
    expect((await me(await forge({ key: deriveKey('some-other-secret-of-enough-length!!', 'staff-access-token') }))).statusCode).toBe(401);
  });

  it('refuses an expired token', async () => {
    expect((await me(await forge({ expiresAt: Math.floor(Date.now() / 1000) - 5 }))).statusCode).toBe(401);
  });

  it('refuses another audience (an MFA step token is not an access token) and another issuer', async () => {
    expect((await me(await forge({ audience: 'winkel-admin-mfa' }))).statusCode).toBe(401);
    expect((await me(await forge({ issuer: 'https://evil.example' }))).statusCode).toBe(401);
  });

  it('refuses an unknown key id', async () => {
    expect((await me(await forge({ kid: 'not-our-key' }))).statusCode).toBe(401);
  });

  it('refuses a well-signed token once its session is revoked or its user disabled', async () => {
    const other = await signIn(t, shop.handle, shop.ownerEmail);
    expect((await me(other.accessToken)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/logout', headers: other.auth, payload: {} });
    expect(out.statusCode).toBe(204);
    expect((await me(other.accessToken)).statusCode).toBe(401);
  });
});
