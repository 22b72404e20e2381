import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { auditActions, queuedMails } from '../identity/staff-fixtures.ts';
import { CUSTOMER_PASSWORD, customerSignIn, lastMail, makeShop, storeCall, verifiedCustomer, type Shop } from './customer-fixtures.ts';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeShop(t, 'reg-shop');
});
afterAll(() => t.close());

describe('customer registration', () => {
  it('registers (202), mails a 24 h verification link in the same transaction, and the link works once', async () => {
    const email = 'new@buyer.test';
    const res = await storeCall(t, shop.publishableKey, '/register', { payload: { email, password: CUSTOMER_PASSWORD, name: 'New Buyer' } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'accepted' });
    const mail = await lastMail(t, 'email_verification', email);
    expect(mail?.variables).toMatchObject({ expiresInHours: 24, name: 'New Buyer' });
    // Unverified: the right password is told to verify first.
    expect((await storeCall(t, shop.publishableKey, '/login', { payload: { email, password: CUSTOMER_PASSWORD } })).json().code).toBe('CUSTOMER_EMAIL_UNVERIFIED_FORBIDDEN');
    const token = String(mail?.variables.token);
    expect((await storeCall(t, shop.publishableKey, '/verify-email', { payload: { token } })).statusCode).toBe(204);
    const again = await storeCall(t, shop.publishableKey, '/verify-email', { payload: { token } });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('AUTH_TOKEN_INVALID');
    const signedIn = await customerSignIn(t, shop, email);
    const me = await storeCall(t, shop.publishableKey, '/me', { token: signedIn.accessToken });
    expect(me.json()).toMatchObject({ email, name: 'New Buyer', emailVerified: true, status: 'active' });
    expect(await auditActions(t, shop.storeId)).toEqual(expect.arrayContaining(['customer.registered', 'customer.email_verified', 'customer.login_succeeded']));
  });

  it('answers a taken email with the very same status and body, and mails the owner instead of creating anything', async () => {
    await verifiedCustomer(t, shop, 'taken@buyer.test');
    const fresh = await storeCall(t, shop.publishableKey, '/register', { payload: { email: 'fresh@buyer.test', password: CUSTOMER_PASSWORD, name: 'A' } });
    const before = (await queuedMails(t)).length;
    const taken = await storeCall(t, shop.publishableKey, '/register', { payload: { email: 'Taken@Buyer.test', password: 'another-long-pass-99', name: 'Intruder' } });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
    const mails = (await queuedMails(t)).slice(before);
    expect(mails.map((m) => m.type)).toEqual(['password_reset']);
    // The account and its password are untouched.
    await customerSignIn(t, shop, 'taken@buyer.test');
    const { rows } = await t.database.pool.query("select count(*)::int as n from customers where tenant_id = $1 and email = 'taken@buyer.test'", [shop.storeId]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a weak password with 422 naming the field', async () => {
    const res = await storeCall(t, shop.publishableKey, '/register', { payload: { email: 'weak@buyer.test', password: 'password1234', name: 'W' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.password');
  });

  it('answers 401 problem+json for an unknown publishable key or none at all', async () => {
    for (const headers of [{ 'x-publishable-key': 'pk_' + 'x'.repeat(32) }, {}]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/store/customers/login', headers, payload: { email: 'a@b.test', password: 'x' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('STOREFRONT_UNAUTHENTICATED');
    }
  });

  it('refuses email, status and tenantId on PATCH /me with 422 and changes nothing', async () => {
    const s = await verifiedCustomer(t, shop, 'mass@buyer.test');
    for (const payload of [{ email: 'evil@x.test' }, { status: 'disabled' }, { tenantId: shop.storeId }, { name: 'Ok', emailVerified: true }]) {
      const res = await storeCall(t, shop.publishableKey, '/me', { method: 'PATCH', payload, token: s.accessToken });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const ok = await storeCall(t, shop.publishableKey, '/me', { method: 'PATCH', payload: { name: 'Mass Buyer', phone: '+31 20 123' }, token: s.accessToken });
    expect(ok.json()).toMatchObject({ email: 'mass@buyer.test', name: 'Mass Buyer', phone: '+31 20 123', status: 'active' });
  });

  it('resets a password: always 202, the link works once and ends every session', async () => {
    const s = await verifiedCustomer(t, shop, 'reset@buyer.test');
    const known = await storeCall(t, shop.publishableKey, '/password-reset', { payload: { email: 'reset@buyer.test' } });
    const unknown = await storeCall(t, shop.publishableKey, '/password-reset', { payload: { email: 'nobody@buyer.test' } });
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const token = String((await lastMail(t, 'password_reset', 'reset@buyer.test'))?.variables.token);
    const confirm = (newPassword: string) => storeCall(t, shop.publishableKey, '/password-reset/confirm', { payload: { token, newPassword } });
    expect((await confirm('brand-new-secret-words')).statusCode).toBe(204);
    expect((await confirm('brand-new-secret-words2')).statusCode).toBe(422);
    expect((await storeCall(t, shop.publishableKey, '/me', { token: s.accessToken })).statusCode).toBe(401);
    await customerSignIn(t, shop, 'reset@buyer.test', 'brand-new-secret-words');
    expect(await auditActions(t, shop.storeId)).toContain('customer.password_reset');
  });
});
