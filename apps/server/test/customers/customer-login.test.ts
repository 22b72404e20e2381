import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { ageLoginAttempts, auditActions, signIn } from '../identity/staff-fixtures.ts';
import { CUSTOMER_PASSWORD, lastMail, makeShop, storeCall, verifiedCustomer, type Shop } from './customer-fixtures.ts';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_IP_MAX_FAILURES: '1000' } });
  shop = await makeShop(t, 'login-shop');
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '10.9.0.1') => storeCall(t, shop.publishableKey, '/login', { payload: { email, password }, ip });

describe('customer sign-in', () => {
  it('signs in with the right password; a wrong password and an unknown email get the same 401 body', async () => {
    await verifiedCustomer(t, shop, 'pw@buyer.test');
    expect((await login('pw@buyer.test', CUSTOMER_PASSWORD)).statusCode).toBe(200);
    const wrong = await login('pw@buyer.test', 'not-the-password-1');
    const unknown = await login('ghost@buyer.test', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(await auditActions(t, shop.storeId)).toContain('customer.login_failed');
  });

  it('locks the account after 5 failures in 15 minutes (429 AUTH_LOCKED, even for the right password) and lifts it after', async () => {
    await verifiedCustomer(t, shop, 'lock@buyer.test');
    const codes = [];
    for (let i = 1; i <= 5; i++) codes.push((await login('lock@buyer.test', 'wrong-password-xx', `10.8.0.${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await login('lock@buyer.test', CUSTOMER_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('AUTH_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(await auditActions(t, shop.storeId)).toContain('customer.locked_out');
    await ageLoginAttempts(t, shop.storeId, 16 * 60);
    expect((await login('lock@buyer.test', CUSTOMER_PASSWORD)).statusCode).toBe(200);
  });

  it('rotates refresh tokens; reusing a spent one ends the session for both copies', async () => {
    const s = await verifiedCustomer(t, shop, 'refresh@buyer.test');
    const refresh = (refreshToken: string) => storeCall(t, shop.publishableKey, '/refresh', { payload: { refreshToken } });
    const r1 = await refresh(s.refreshToken);
    expect(r1.statusCode).toBe(200);
    const next = r1.json() as { accessToken: string; refreshToken: string };
    expect(next.refreshToken).not.toBe(s.refreshToken);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: next.accessToken })).statusCode).toBe(200);
    const reuse = await refresh(s.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('AUTH_REFRESH_INVALID');
    expect((await refresh(next.refreshToken)).statusCode).toBe(401);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: next.accessToken })).statusCode).toBe(401);
    expect(await auditActions(t, shop.storeId)).toContain('customer.refresh_token_reused');
  });

  it('keeps the realms apart: a staff token is refused on customer routes, a customer token on admin routes, and neither refresh token works in the other realm', async () => {
    const customer = await verifiedCustomer(t, shop, 'realm@buyer.test');
    const staff = await signIn(t, shop.handle, shop.ownerEmail);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: staff.accessToken })).statusCode).toBe(401);
    const admin = await t.app.inject({ url: '/api/v1/admin/customers', headers: { authorization: `Bearer ${customer.accessToken}` } });
    expect(admin.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${customer.accessToken}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload: { refreshToken: customer.refreshToken } })).statusCode).toBe(401);
    expect((await storeCall(t, shop.publishableKey, '/refresh', { payload: { refreshToken: staff.refreshToken } })).statusCode).toBe(401);
    // Both sessions survived the cross-realm attempts.
    expect((await storeCall(t, shop.publishableKey, '/me', { token: customer.accessToken })).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const s = await verifiedCustomer(t, shop, 'bye@buyer.test');
    expect((await storeCall(t, shop.publishableKey, '/logout', { payload: {}, token: s.accessToken })).statusCode).toBe(204);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: s.accessToken })).statusCode).toBe(401);
  });
});

describe('email code sign-in', () => {
  const requestCode = (email: string) => storeCall(t, shop.publishableKey, '/login-code', { payload: { email } });
  const useCode = (email: string, code: string) => storeCall(t, shop.publishableKey, '/login-code/verify', { payload: { email, code } });
  const mailedCode = async (email: string) => String((await lastMail(t, 'login_code', email))?.variables.code);
  const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('always answers 202 with the same body; a right code signs in once, and proves the mailbox', async () => {
    await storeCall(t, shop.publishableKey, '/register', { payload: { email: 'b2b@buyer.test', password: CUSTOMER_PASSWORD, name: 'B2B' } });
    const known = await requestCode('b2b@buyer.test');
    const unknown = await requestCode('nobody@buyer.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const code = await mailedCode('b2b@buyer.test');
    expect(code).toMatch(/^\d{6}$/);
    const { rows } = await t.database.pool.query("select token_hash from one_time_tokens where purpose = 'login_code' and tenant_id = $1", [shop.storeId]);
    expect(rows.every((r: { token_hash: string }) => !r.token_hash.includes(code))).toBe(true);
    const ok = await useCode('b2b@buyer.test', code);
    expect(ok.statusCode).toBe(200);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: ok.json().accessToken })).json().emailVerified).toBe(true);
    expect((await useCode('b2b@buyer.test', code)).statusCode).toBe(401);
  });

  it('refuses a wrong code and an expired code with 401', async () => {
    await verifiedCustomer(t, shop, 'exp@buyer.test');
    await requestCode('exp@buyer.test');
    const code = await mailedCode('exp@buyer.test');
    expect((await useCode('exp@buyer.test', wrongOf(code))).json().code).toBe('AUTH_INVALID_CREDENTIALS');
    await t.database.pool.query("update one_time_tokens set expires_at = now() - interval '1 second' where purpose = 'login_code' and used_at is null and tenant_id = $1", [shop.storeId]);
    expect((await useCode('exp@buyer.test', code)).statusCode).toBe(401);
  });

  it('allows a code at most 5 tries: after 5 wrong ones even the right code fails', async () => {
    await verifiedCustomer(t, shop, 'tries@buyer.test');
    await requestCode('tries@buyer.test');
    const code = await mailedCode('tries@buyer.test');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await useCode('tries@buyer.test', wrongOf(code))).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    await ageLoginAttempts(t, shop.storeId, 16 * 60);
    expect((await useCode('tries@buyer.test', code)).statusCode).toBe(401);
  });
});
