import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { addStaff, auditActions, login, makeStore, PASSWORD, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;
let shop: StoreFixture;

beforeAll(async () => {
  t = await buildTestApp();
  shop = await makeStore(t, 'login-shop');
});
afterAll(() => t.close());

describe('staff sign-in', () => {
  it('returns a 15-minute bearer token and a refresh token for the right password', async () => {
    const res = await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, mfaSetupRequired: false, refreshToken: expect.stringMatching(/^wrt_/) });
    expect(res.headers['cache-control']).toBe('no-store');
    const me = await t.app.inject({ url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: shop.ownerEmail, role: 'owner' });
    expect(await auditActions(t, shop.storeId)).toContain('staff.login_succeeded');
  });

  it('answers a wrong password, an unknown email, an unknown store and a disabled account with the same 401 body', async () => {
    await addStaff(t, shop.storeId, 'gone@login-shop.test', 'viewer');
    await t.database.pool.query(`update staff_users set status = 'disabled' where email = 'gone@login-shop.test'`);
    const attempts = [
      { store: shop.handle, email: shop.ownerEmail, password: 'not-the-password-1' },
      { store: shop.handle, email: 'nobody@login-shop.test', password: PASSWORD },
      { store: 'no-such-store', email: shop.ownerEmail, password: PASSWORD },
      { store: shop.handle, email: 'gone@login-shop.test', password: PASSWORD },
    ];
    const bodies = [];
    for (const [i, a] of attempts.entries()) {
      const res = await login(t, a, { ip: `10.9.0.${i + 1}` });
      expect(res.statusCode).toBe(401);
      const { request_id: _id, ...rest } = res.json();
      bodies.push(rest);
    }
    expect(bodies[0]).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', status: 401 });
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(await auditActions(t, shop.storeId)).toContain('staff.login_failed');
  });

  it('takes about as long for an unknown email as for a wrong password (dummy hash)', async () => {
    const time = async (email: string) => {
      const start = process.hrtime.bigint();
      await login(t, { store: shop.handle, email, password: 'wrong-password-xyz' }, { ip: '10.9.1.1' });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await time('warm@login-shop.test');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(shop.ownerEmail.replace('owner', 'owner')));
      unknown.push(await time(`ghost${i}@login-shop.test`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // Both verify one argon2id hash; without the dummy the unknown email would answer in a few milliseconds.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('refuses unknown fields in the body (422)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', payload: { store: shop.handle, email: shop.ownerEmail, password: PASSWORD, tenantId: shop.storeId } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('re-hashes a password made with older parameters on the next sign-in', async () => {
    const weak = await buildTestApp({ db: { url: t.config.database.url!, name: '', drop: async () => undefined }, env: { PASSWORD_HASH_MEMORY_KIB: '8192', PASSWORD_HASH_ITERATIONS: '1' } });
    try {
      const id = await addStaff(weak, shop.storeId, 'old-hash@login-shop.test', 'viewer');
      const before = await t.database.pool.query('select password_hash from staff_users where id = $1', [id]);
      expect(before.rows[0].password_hash).toContain('m=8192,t=1');
      const res = await login(t, { store: shop.handle, email: 'old-hash@login-shop.test', password: PASSWORD });
      expect(res.statusCode).toBe(200);
      const after = await t.database.pool.query('select password_hash from staff_users where id = $1', [id]);
      expect(after.rows[0].password_hash).toContain(`m=${t.config.auth.passwordHashMemoryKib},t=${t.config.auth.passwordHashIterations}`);
    } finally {
      await weak.close();
    }
  });

  it('applies the store IP allowlist to sign-in itself', async () => {
    const guarded = await makeStore(t, 'login-allowlist');
    await t.database.pool.query(
      `insert into ip_rules (id, tenant_id, cidr, action, reason) values (gen_random_uuid(), $1, '192.0.2.0/24', 'allow', 'office only')`,
      [guarded.storeId],
    );
    const outside = await login(t, { store: guarded.handle, email: guarded.ownerEmail, password: PASSWORD }, { ip: '198.51.100.7' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('ACCESS_IP_DENIED');
    const inside = await login(t, { store: guarded.handle, email: guarded.ownerEmail, password: PASSWORD }, { ip: '192.0.2.10' });
    expect(inside.statusCode).toBe(200);
  });
});
