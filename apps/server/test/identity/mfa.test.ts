import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { auditActions, login, makeStore, PASSWORD, signIn, totpCode, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/v1/admin/auth${url}`, payload: payload as Record<string, unknown>, headers });

/** Enrols 2FA for the store's owner; returns the secret and recovery codes. */
async function enrol(shop: StoreFixture) {
  const { auth } = await signIn(t, shop.handle, shop.ownerEmail);
  const started = await post('/mfa/enroll', {}, auth);
  expect(started.statusCode).toBe(200);
  const { secret, otpauthUri, qrCode } = started.json() as { secret: string; otpauthUri: string; qrCode: string };
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
  expect(qrCode).toMatch(/^data:image\/png;base64,/);
  const { rows } = await t.database.pool.query('select totp_secret from staff_users where id = $1', [shop.ownerId]);
  expect(rows[0].totp_secret).not.toContain(secret); // encrypted at rest
  const confirmed = await post('/mfa/confirm', { code: await totpCode(secret, -1) }, auth);
  expect(confirmed.statusCode).toBe(200);
  const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes, auth };
}

async function passwordStep(shop: StoreFixture): Promise<string> {
  const res = await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { mfaRequired: boolean; mfaToken: string; accessToken?: string };
  expect(body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
  return body.mfaToken;
}

async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((o) => totpCode(secret, o))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe('two-factor sign-in', () => {
  it('requires the code after the password, accepts it once, and refuses it replayed', async () => {
    const shop = await makeStore(t, 'mfa-shop');
    const { secret } = await enrol(shop);
    expect(await auditActions(t, shop.storeId)).toContain('staff.mfa_enabled');
    const code = await totpCode(secret, 0);
    const ok = await post('/login/mfa', { mfaToken: await passwordStep(shop), code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const replay = await post('/login/mfa', { mfaToken: await passwordStep(shop), code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('AUTH_MFA_INVALID');
  });

  it('refuses a wrong code, and a forged or expired step token', async () => {
    const shop = await makeStore(t, 'mfa-wrong-shop');
    const { secret } = await enrol(shop);
    const wrong = await post('/login/mfa', { mfaToken: await passwordStep(shop), code: await wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('AUTH_MFA_INVALID');
    const forged = await post('/login/mfa', { mfaToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', code: await totpCode(secret) });
    expect(forged.json().code).toBe('AUTH_MFA_INVALID');
  });

  it('locks the account after 5 wrong codes', async () => {
    const shop = await makeStore(t, 'mfa-lock-shop');
    const { secret } = await enrol(shop);
    const token = await passwordStep(shop);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await post('/login/mfa', { mfaToken: token, code: await wrongCode(secret) })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    expect((await post('/login/mfa', { mfaToken: token, code: await totpCode(secret, 1) })).json().code).toBe('AUTH_LOCKED');
  });

  it('accepts each recovery code once', async () => {
    const shop = await makeStore(t, 'mfa-recovery-shop');
    const { recoveryCodes } = await enrol(shop);
    const first = await post('/login/mfa', { mfaToken: await passwordStep(shop), code: recoveryCodes[0]!.toUpperCase() });
    expect(first.statusCode).toBe(200);
    const again = await post('/login/mfa', { mfaToken: await passwordStep(shop), code: recoveryCodes[0]! });
    expect(again.statusCode).toBe(401);
    expect((await post('/login/mfa', { mfaToken: await passwordStep(shop), code: recoveryCodes[1]! })).statusCode).toBe(200);
    expect(await auditActions(t, shop.storeId)).toContain('staff.recovery_code_used');
  });

  it('turns off only with a current code', async () => {
    const shop = await makeStore(t, 'mfa-off-shop');
    const { secret } = await enrol(shop);
    const { auth } = await (async () => {
      const res = await post('/login/mfa', { mfaToken: await passwordStep(shop), code: await totpCode(secret, 0) });
      return { auth: { authorization: `Bearer ${(res.json() as { accessToken: string }).accessToken}` } };
    })();
    expect((await post('/mfa/disable', { code: await wrongCode(secret) }, auth)).statusCode).toBe(401);
    expect((await post('/mfa/disable', { code: await totpCode(secret, 1) }, auth)).statusCode).toBe(204);
    expect((await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD })).json()).toMatchObject({ accessToken: expect.any(String) });
    expect(await auditActions(t, shop.storeId)).toContain('staff.mfa_disabled');
  });

  it('a store that requires 2FA for admins lets an unenrolled owner only enrol, then everything', async () => {
    const shop = await makeStore(t, 'mfa-required-shop');
    const owner = await signIn(t, shop.handle, shop.ownerEmail);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: owner.auth, payload: { settings: { requireMfaForAdmins: true } } });
    expect(patch.statusCode).toBe(200);
    const res = await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD });
    expect(res.json()).toMatchObject({ mfaSetupRequired: true });
    const auth = { authorization: `Bearer ${(res.json() as { accessToken: string }).accessToken}` };
    expect((await t.app.inject({ url: '/api/v1/admin/store', headers: auth })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/admin/staff', headers: owner.auth })).statusCode).toBe(403);
    const started = (await post('/mfa/enroll', {}, auth)).json() as { secret: string };
    expect((await post('/mfa/confirm', { code: await totpCode(started.secret) }, auth)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/admin/store', headers: auth })).statusCode).toBe(200);
  });
});
