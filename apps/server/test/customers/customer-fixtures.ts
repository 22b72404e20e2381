import type { TestApp } from '../app.ts';
import { makeStore, queuedMails, type StoreFixture } from '../identity/staff-fixtures.ts';

export const CUSTOMER_PASSWORD = 'quince-lantern-orbit-77';

export interface Shop extends StoreFixture {
  publishableKey: string;
}

/** A store (with its owner) and its first publishable key. */
export async function makeShop(t: TestApp, handle: string): Promise<Shop> {
  const store = await makeStore(t, handle);
  const { rows } = await t.database.pool.query('select token from publishable_keys where tenant_id = $1 limit 1', [store.storeId]);
  return { ...store, publishableKey: rows[0].token as string };
}

export interface StoreCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  payload?: Record<string, unknown>;
  token?: string;
  ip?: string;
}

/** A storefront request to /api/v1/store/customers{path} with the shop's publishable key. */
export function storeCall(t: TestApp, key: string, path: string, call: StoreCall = {}) {
  return t.app.inject({
    method: call.method ?? (call.payload ? 'POST' : 'GET'),
    url: `/api/v1/store/customers${path}`,
    headers: { 'x-publishable-key': key, ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) },
    remoteAddress: call.ip ?? '127.0.0.1',
    ...(call.payload ? { payload: call.payload } : {}),
  });
}

/** The newest queued mail of a type to an address. */
export async function lastMail(t: TestApp, type: string, to: string) {
  const mails = (await queuedMails(t)).filter((m) => m.type === type && m.to.includes(to));
  return mails[mails.length - 1];
}

/** Registers and verifies a customer; returns its sign-in tokens. */
export async function verifiedCustomer(t: TestApp, shop: Shop, email: string, name = 'Kim Buyer') {
  const reg = await storeCall(t, shop.publishableKey, '/register', { payload: { email, password: CUSTOMER_PASSWORD, name } });
  if (reg.statusCode !== 202) throw new Error(`register failed: ${reg.statusCode} ${reg.body}`);
  const mail = await lastMail(t, 'email_verification', email);
  const verified = await storeCall(t, shop.publishableKey, '/verify-email', { payload: { token: String(mail?.variables.token) } });
  if (verified.statusCode !== 204) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
  return customerSignIn(t, shop, email);
}

export async function customerSignIn(t: TestApp, shop: Shop, email: string, password = CUSTOMER_PASSWORD) {
  const res = await storeCall(t, shop.publishableKey, '/login', { payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`customer sign-in failed: ${res.statusCode} ${res.body}`);
  return res.json() as { accessToken: string; refreshToken: string };
}
