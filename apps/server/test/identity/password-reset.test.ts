import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerAccounts } from '../../src/modules/identity/index.ts';
import { createStoreService } from '../../src/modules/tenancy/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { auditActions, identityDepsOf, login, makeStore, PASSWORD, queuedMails, signIn, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;
let shop: StoreFixture;
const NEW_PASSWORD = 'copper-lantern-river-77';

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeStore(t, 'reset-shop');
});
afterAll(() => t.close());

const requestReset = (email: string, store = shop.handle) => t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/password-reset', payload: { store, email } });
const confirm = (token: string, newPassword = NEW_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/password-reset/confirm', payload: { token, newPassword } });

async function lastResetToken(): Promise<string> {
  const mails = (await queuedMails(t)).filter((m) => m.type === 'password_reset');
  return mails[mails.length - 1]!.variables.token as string;
}

describe('password reset', () => {
  it('answers 202 with the same body for a known email, an unknown email and an unknown store; mails only the known one', async () => {
    const before = (await queuedMails(t)).length;
    const known = await requestReset(shop.ownerEmail.toUpperCase());
    const unknown = await requestReset('nobody@reset-shop.test');
    const noStore = await requestReset(shop.ownerEmail, 'no-such-shop');
    for (const res of [known, unknown, noStore]) expect(res.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(noStore.body).toBe(known.body);
    const mails = (await queuedMails(t)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ type: 'password_reset', to: [shop.ownerEmail], variables: { expiresInMinutes: 30 } });
  });

  it('sets the password once, ends every session, and the link cannot be used again', async () => {
    const session = await signIn(t, shop.handle, shop.ownerEmail);
    await requestReset(shop.ownerEmail);
    const token = await lastResetToken();
    const { rows } = await t.database.pool.query('select count(*)::int as n from one_time_tokens where token_hash = $1', [token]);
    expect(rows[0].n).toBe(0); // stored hashed, never as is
    expect((await confirm(token)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/admin/auth/me', headers: session.auth })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
    expect((await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD })).statusCode).toBe(401);
    expect((await login(t, { store: shop.handle, email: shop.ownerEmail, password: NEW_PASSWORD })).statusCode).toBe(200);
    const reused = await confirm(token, 'another-fine-password-9');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('AUTH_TOKEN_INVALID');
    expect(await auditActions(t, shop.storeId)).toEqual(expect.arrayContaining(['staff.password_reset_requested', 'staff.password_reset']));
  });

  it('refuses an expired link', async () => {
    await requestReset(shop.ownerEmail);
    const token = await lastResetToken();
    await t.database.pool.query(`update one_time_tokens set expires_at = now() - interval '1 second' where purpose = 'password_reset' and used_at is null`);
    expect((await confirm(token)).json().code).toBe('AUTH_TOKEN_INVALID');
  });

  it('refuses a weak or common password without spending the link', async () => {
    await requestReset(shop.ownerEmail);
    const token = await lastResetToken();
    const short = await confirm(token, 'short');
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: 'AUTH_PASSWORD_WEAK', errors: [{ path: 'body.newPassword' }] });
    expect((await confirm(token, 'password1234')).json().code).toBe('AUTH_PASSWORD_WEAK');
    expect((await confirm(token, 'a-much-better-password-5')).statusCode).toBe(204);
  });

  it("serves the owner's first password-set link from store creation", async () => {
    const stores = createStoreService({ db: t.database.db, createOwnerAccount: ownerAccounts(identityDepsOf(t)) });
    const created = await stores.createStore(systemCtx(t.log, 'test'), { name: 'Fresh', handle: 'fresh-shop', defaultCurrency: 'usd', locale: 'en-us', timezone: 'America/New_York', owner: { email: 'Boss@Fresh.test', name: 'Boss' } });
    expect(created.setPasswordLink).toMatch(new RegExp(`^${t.config.publicUrl}/admin/set-password#token=[\\w-]{43}$`));
    expect((await login(t, { store: 'fresh-shop', email: 'boss@fresh.test', password: NEW_PASSWORD })).statusCode).toBe(401);
    const token = created.setPasswordLink!.split('#token=')[1]!;
    expect((await confirm(token)).statusCode).toBe(204);
    expect((await login(t, { store: 'fresh-shop', email: 'boss@fresh.test', password: NEW_PASSWORD })).statusCode).toBe(200);
    expect(await auditActions(t, created.storeId)).toEqual(expect.arrayContaining(['store.created', 'staff.password_set']));
  });
});
