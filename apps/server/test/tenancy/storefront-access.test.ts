import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreResolver } from '../../src/modules/tenancy/index.ts';
import { createMemoryCache } from '../../src/platform/cache/cache.memory.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';

let t: TestApp;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  storeA = await createStore(t.database, 'access-a');
  storeB = await createStore(t.database, 'access-b');
});
afterAll(() => t.close());

const resolver = () => createStoreResolver(t.database.db, createMemoryCache());

describe('publishable keys', () => {
  it('an owner makes, lists and revokes them; the storefront resolver follows', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/publishable-keys', headers: as('owner', storeA), payload: { name: 'Main web shop' } });
    expect(made.statusCode).toBe(201);
    const key = made.json();
    expect(key).toMatchObject({ name: 'Main web shop', token: expect.stringMatching(/^pk_/), revokedAt: null });
    expect((await resolver().resolve({ publishableKey: key.token }))?.tenantId).toBe(storeA);

    const list = await t.app.inject({ url: '/api/v1/admin/store/publishable-keys?limit=10', headers: as('viewer', storeA) });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((k: { id: string }) => k.id)).toContain(key.id);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/store/publishable-keys/${key.id}`, headers: as('owner', storeA) });
    expect(revoked.statusCode).toBe(204);
    expect(await resolver().resolve({ publishableKey: key.token })).toBeNull();
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/store/publishable-keys/${key.id}`, headers: as('owner', storeA) });
    expect(again.statusCode).toBe(404);
  });

  it('refuses roles without store:manage, and another store’s key is not found', async () => {
    const byManager = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/publishable-keys', headers: as('manager', storeA), payload: { name: 'x' } });
    expect(byManager.statusCode).toBe(403);
    const theirs = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/publishable-keys', headers: as('owner', storeB), payload: { name: 'b' } })).json();
    const cross = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/store/publishable-keys/${theirs.id}`, headers: as('owner', storeA) });
    expect(cross.statusCode).toBe(404);
    expect((await resolver().resolve({ publishableKey: theirs.token }))?.tenantId).toBe(storeB);
  });
});

describe('host names', () => {
  it('maps a normalised host to the store, refuses one already taken, and unmaps it', async () => {
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/domains', headers: as('owner', storeA), payload: { host: 'Shop.Example.COM:443' } });
    expect(added.statusCode).toBe(201);
    const domain = added.json();
    expect(domain.host).toBe('shop.example.com');
    expect((await resolver().resolve({ host: "shop.example.com" }))?.tenantId).toBe(storeA);

    const taken = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/domains', headers: as('owner', storeB), payload: { host: 'shop.example.com' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'TENANCY_DOMAIN_TAKEN', errors: [{ path: 'body.host' }] });

    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/domains', headers: as('owner', storeA), payload: { host: 'not a host/' } });
    expect(bad.statusCode).toBe(422);

    const crossDelete = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/store/domains/${domain.id}`, headers: as('owner', storeB) });
    expect(crossDelete.statusCode).toBe(404);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/store/domains/${domain.id}`, headers: as('owner', storeA) });
    expect(removed.statusCode).toBe(204);
    expect(await resolver().resolve({ host: 'shop.example.com' })).toBeNull();
  });

  it('audits every change', async () => {
    const { rows } = await t.database.pool.query<{ action: string }>(`select action from audit_log where tenant_id = $1`, [storeA]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['publishable_key.created', 'publishable_key.revoked', 'store_domain.added', 'store_domain.removed']));
  });
});
