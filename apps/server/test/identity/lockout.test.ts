import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { ageLoginAttempts, auditActions, login, makeStore, PASSWORD } from './staff-fixtures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_IP_MAX_FAILURES: '8', LOGIN_IP_BLOCK_MINUTES: '15' } });
});
afterAll(() => t.close());

describe('brute force', () => {
  it('locks an account after 5 failures in 15 minutes, with Retry-After and the time in the detail, even for the right password', async () => {
    const shop = await makeStore(t, 'lock-shop');
    const wrong = { store: shop.handle, email: shop.ownerEmail, password: 'definitely-wrong-1' };
    for (let i = 1; i <= 4; i++) expect((await login(t, wrong, { ip: `10.1.0.${i}` })).statusCode).toBe(401);
    const fifth = await login(t, wrong, { ip: '10.1.0.5' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers['content-type']).toContain('application/problem+json');
    expect(fifth.json().code).toBe('AUTH_LOCKED');
    const right = await login(t, { ...wrong, password: PASSWORD }, { ip: '10.1.0.6' });
    expect(right.statusCode).toBe(429);
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(right.json().detail).toMatch(/Try again after \d{4}-\d{2}-\d{2}T/);
    expect(await auditActions(t, shop.storeId)).toContain('staff.locked_out');
  });

  it('lifts the lock 15 minutes after the last failure', async () => {
    const shop = await makeStore(t, 'unlock-shop');
    const wrong = { store: shop.handle, email: shop.ownerEmail, password: 'definitely-wrong-2' };
    for (let i = 1; i <= 5; i++) await login(t, wrong, { ip: `10.2.0.${i}` });
    expect((await login(t, { ...wrong, password: PASSWORD }, { ip: '10.2.0.9' })).statusCode).toBe(429);
    await ageLoginAttempts(t, shop.storeId, 14 * 60);
    expect((await login(t, { ...wrong, password: PASSWORD }, { ip: '10.2.0.9' })).statusCode).toBe(429);
    await ageLoginAttempts(t, shop.storeId, 2 * 60);
    expect((await login(t, { ...wrong, password: PASSWORD }, { ip: '10.2.0.9' })).statusCode).toBe(200);
  });

  it('locks an unknown email the same way, so a lock does not tell which emails exist', async () => {
    const shop = await makeStore(t, 'ghost-shop');
    const ghost = { store: shop.handle, email: 'ghost@ghost-shop.test', password: 'definitely-wrong-3' };
    const codes = [];
    for (let i = 1; i <= 6; i++) codes.push((await login(t, ghost, { ip: `10.3.0.${i}` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('counts parallel guesses against each other: of 12 at once, only 5 are checked', async () => {
    const shop = await makeStore(t, 'parallel-shop');
    const wrong = { store: shop.handle, email: shop.ownerEmail, password: 'definitely-wrong-4' };
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) => login(t, wrong, { ip: `10.4.0.${i + 1}` })));
    const { rows } = await t.database.pool.query('select count(*)::int as n from login_attempts where tenant_id = $1', [shop.storeId]);
    expect(rows[0].n).toBe(5);
    expect(res.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    expect(res.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('right passwords in flight together may be turned away, but leave the account unlocked', async () => {
    const shop = await makeStore(t, 'tabs-shop');
    const right = { store: shop.handle, email: shop.ownerEmail, password: PASSWORD };
    const res = await Promise.all(Array.from({ length: 8 }, (_, i) => login(t, right, { ip: `10.5.0.${i + 1}` })));
    expect(res.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(5);
    expect((await login(t, right, { ip: '10.5.0.99' })).statusCode).toBe(200);
  });

  it('blocks an address that fails across many accounts with an expiring deny rule for the store', async () => {
    const shop = await makeStore(t, 'spray-shop');
    const ip = '203.0.113.7';
    for (let i = 0; i < 8; i++) await login(t, { store: shop.handle, email: `user${i}@spray-shop.test`, password: 'spray-password-1' }, { ip });
    const blocked = await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD }, { ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('AUTH_IP_BLOCKED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const { rows } = await t.database.pool.query(`select host(cidr) as ip, action, expires_at > now() + interval '14 minutes' as expiring from ip_rules where tenant_id = $1`, [shop.storeId]);
    expect(rows).toEqual([{ ip, action: 'deny', expiring: true }]);
    expect((await login(t, { store: shop.handle, email: shop.ownerEmail, password: PASSWORD }, { ip: '203.0.113.8' })).statusCode).toBe(200);
    expect(await auditActions(t, shop.storeId)).toContain('ip_rule.auto_blocked');
  });
});
