import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { auditActions, login, signIn } from '../identity/staff-fixtures.ts';
import { createStoreAsOperator, operator, PLATFORM_TOKEN, storeBody } from './platform-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN } });
});
afterAll(() => t.close());

const NEW_PASSWORD = 'copper-lantern-meadow-77';
const platform = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1/platform${url}`, headers: operator(), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const setStatus = (id: string, status: string) => platform('PATCH', `/stores/${id}`, { status });

async function auditRows(storeId: string) {
  const res = await inTransaction(t.database.db, { tenantId: storeId }, (tx) =>
    tx.execute<{ action: string; actor_type: string; actor_id: string }>(sql`select action, actor_type, actor_id from audit_log where tenant_id = ${storeId} order by id`),
  );
  return res.rows;
}

describe('platform operator API: stores', () => {
  it('creates a store whose owner sets a password through the one-time link and signs in', async () => {
    const res = await platform('POST', '/stores', storeBody('corner-shop'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json() as { storeId: string; handle: string; publishableKey: string; setPasswordLink: string };
    expect(created).toMatchObject({ handle: 'corner-shop', publishableKey: expect.stringMatching(/^pk_/), setPasswordLink: expect.stringContaining('#token=') });
    expect(t.logs.map((l) => JSON.stringify(l)).join('\n')).not.toContain(created.setPasswordLink.split('#token=')[1]!);

    const token = created.setPasswordLink.split('#token=')[1]!;
    const confirm = () => t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/password-reset/confirm', payload: { token, newPassword: NEW_PASSWORD } });
    expect((await confirm()).statusCode).toBe(204);
    expect((await confirm()).statusCode).not.toBe(204);
    const session = await signIn(t, 'corner-shop', 'owner@corner-shop.test', NEW_PASSWORD);
    const store = await t.app.inject({ url: '/api/v1/admin/store', headers: session.auth });
    expect(store.json()).toMatchObject({ id: created.storeId, name: 'Shop corner-shop', timezone: 'Europe/Amsterdam', status: 'active' });

    const rows = await auditRows(created.storeId);
    expect(rows[0]).toMatchObject({ action: 'store.created', actor_type: 'system', actor_id: 'platform-admin' });
  });

  it('validates like `winkel store create`: malformed or unknown fields 422 VALIDATION_FAILED, invalid values 422, a taken handle 409', async () => {
    const bad = await platform('POST', '/stores', { ...storeBody('x'), handle: 'Bad Handle!', defaultCurrency: 'EURO' });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    const invalid = await platform('POST', '/stores', { ...storeBody('ok-handle'), defaultCurrency: 'XYZ', timezone: 'Mars/Base' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'TENANCY_STORE_INVALID', errors: expect.arrayContaining([expect.objectContaining({ path: 'body.defaultCurrency' }), expect.objectContaining({ path: 'body.timezone' })]) });
    await createStoreAsOperator(t, 'taken-shop');
    const taken = await platform('POST', '/stores', storeBody('taken-shop'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'TENANCY_HANDLE_TAKEN', errors: [{ path: 'body.handle', message: 'is taken' }] });
    for (const extra of [{ status: 'suspended' }, { tenantId: uuidv7() }, { owner: { email: 'a@b.test', name: 'A', role: 'admin' } }]) {
      expect((await platform('POST', '/stores', { ...storeBody('extra-shop'), ...extra })).statusCode).toBe(422);
    }
    expect((await platform('GET', '/stores?limit=100')).json().data.map((s: { handle: string }) => s.handle)).not.toContain('extra-shop');
  });

  it('suspending a store stops its staff tokens, refresh tokens and API keys at once; reactivating brings them back', async () => {
    const created = await createStoreAsOperator(t, 'paused-shop');
    const other = await createStoreAsOperator(t, 'busy-shop');
    for (const c of [created, other]) {
      const token = c.setPasswordLink!.split('#token=')[1]!;
      await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/password-reset/confirm', payload: { token, newPassword: NEW_PASSWORD } });
    }
    const session = await signIn(t, 'paused-shop', 'owner@paused-shop.test', NEW_PASSWORD);
    const otherSession = await signIn(t, 'busy-shop', 'owner@busy-shop.test', NEW_PASSWORD);
    const keyRes = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', headers: session.auth, payload: { name: 'erp', permissions: ['store:read'] } });
    expect(keyRes.statusCode, keyRes.body).toBe(201);
    const apiKey = { authorization: `Bearer ${(keyRes.json() as { key: string }).key}` };
    const readStore = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/admin/store', headers }).then((r) => r.statusCode);
    expect([await readStore(session.auth), await readStore(apiKey)]).toEqual([200, 200]);

    const suspended = await setStatus(created.storeId, 'suspended');
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ id: created.storeId, status: 'suspended' });
    expect([await readStore(session.auth), await readStore(apiKey)]).toEqual([401, 401]);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(refresh.statusCode).toBe(401);
    expect((await login(t, { store: 'paused-shop', email: 'owner@paused-shop.test', password: NEW_PASSWORD })).statusCode).toBe(401);
    expect(await readStore(otherSession.auth)).toBe(200);

    expect((await setStatus(created.storeId, 'suspended')).statusCode).toBe(200);
    expect((await setStatus(created.storeId, 'active')).json()).toMatchObject({ status: 'active' });
    expect([await readStore(session.auth), await readStore(apiKey)]).toEqual([200, 200]);
    // The refresh token was not spent by the refused attempt: the session carries on.
    const resumed = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(resumed.statusCode).toBe(200);

    const actions = (await auditRows(created.storeId)).filter((r) => r.action.startsWith('store.'));
    expect(actions.map((r) => r.action)).toEqual(['store.created', 'store.suspended', 'store.reactivated']);
    expect(actions.every((r) => r.actor_type === 'system' && r.actor_id === 'platform-admin')).toBe(true);
    expect(await auditActions(t, other.storeId)).not.toContain('store.suspended');
  });

  it('answers 404 for an unknown store id, 422 for a malformed one, a status that is not active/suspended, or other fields', async () => {
    expect((await platform('GET', `/stores/${uuidv7()}`)).statusCode).toBe(404);
    expect((await setStatus(uuidv7(), 'suspended')).statusCode).toBe(404);
    expect((await platform('GET', '/stores/not-a-uuid')).statusCode).toBe(422);
    const one = await createStoreAsOperator(t, 'status-shop');
    for (const status of ['deleted', 'ACTIVE']) expect((await setStatus(one.storeId, status)).statusCode).toBe(422);
    expect((await platform('PATCH', `/stores/${one.storeId}`, { status: 'active', name: 'Renamed' })).statusCode).toBe(422);
    expect((await platform('GET', `/stores/${one.storeId}`)).json()).toMatchObject({ handle: 'status-shop', name: 'Shop status-shop', status: 'active' });
  });

  it('lists every store once across pages, newest first, and filters by status', async () => {
    const handles = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'];
    const made: string[] = [];
    for (const h of handles) made.push((await createStoreAsOperator(t, h)).storeId);
    await setStatus(made[1]!, 'suspended');
    await setStatus(made[3]!, 'suspended');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await platform('GET', `/stores?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { data: Array<{ id: string }>; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen).toEqual(expect.arrayContaining(made));

    const suspended = (await platform('GET', '/stores?status=suspended&limit=100')).json() as { data: Array<{ id: string; status: string }> };
    expect(suspended.data.map((s) => s.id).filter((id) => made.includes(id)).sort()).toEqual([made[1]!, made[3]!].sort());
    expect(suspended.data.every((s) => s.status === 'suspended')).toBe(true);
    expect((await platform('GET', '/stores?status=active&limit=100')).json().data.map((s: { id: string }) => s.id)).not.toContain(made[1]);
    for (const q of ['limit=0', 'limit=101', 'cursor=abc', 'status=closed', 'sort=name']) expect((await platform('GET', `/stores?${q}`)).statusCode).toBe(422);
  });
});
