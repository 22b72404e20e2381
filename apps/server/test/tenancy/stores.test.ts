import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerAccounts } from '../../src/modules/identity/index.ts';
import { createStoreResolver, createStoreService, type StoreService } from '../../src/modules/tenancy/index.ts';
import { createMemoryCache } from '../../src/platform/cache/cache.memory.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { addStaff, identityDepsOf, signIn } from '../identity/staff-fixtures.ts';

let t: TestApp;
let stores: StoreService;
const base = { name: 'Shop', defaultCurrency: 'EUR', locale: 'nl-NL', timezone: 'Europe/Amsterdam', owner: { email: 'o@shop.test', name: 'O' } };

beforeAll(async () => {
  t = await buildTestApp();
  stores = createStoreService({ db: t.database.db, createOwnerAccount: ownerAccounts(identityDepsOf(t)) });
});
afterAll(() => t.close());

const ctx = () => systemCtx(t.log, 'test');
const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as DomainError);

describe('creating stores', () => {
  it('creates the store, a publishable key, and the owner with a one-time password link', async () => {
    const created = await stores.createStore(ctx(), { ...base, handle: 'Corner-Shop' });
    expect(created).toMatchObject({ handle: 'corner-shop', publishableKey: expect.stringMatching(/^pk_[\w-]{32}$/), setPasswordLink: expect.stringContaining('/admin/set-password#token=') });
    const { rows } = await t.database.pool.query('select id, tenant_id, default_currency, locale from stores where handle = $1', [created.handle]);
    expect(rows[0]).toEqual({ id: created.storeId, tenant_id: created.storeId, default_currency: 'EUR', locale: 'nl-NL' });
    const staff = await t.database.pool.query('select role, password_hash from staff_users where tenant_id = $1', [created.storeId]);
    expect(staff.rows).toEqual([{ role: 'owner', password_hash: null }]);
  });

  it('refuses a taken handle (409), also when two creations race', async () => {
    await stores.createStore(ctx(), { ...base, handle: 'taken-shop' });
    expect((await failure(stores.createStore(ctx(), { ...base, handle: 'taken-shop' })))?.code).toBe('TENANCY_HANDLE_TAKEN');
    const race = await Promise.allSettled([1, 2, 3].map(() => stores.createStore(ctx(), { ...base, handle: 'race-shop' })));
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of race) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('TENANCY_HANDLE_TAKEN');
  });

  it('names each invalid field: handle, currency, time zone, locale, owner email', async () => {
    const err = await failure(stores.createStore(ctx(), { ...base, handle: 'x!', defaultCurrency: 'EURO', timezone: 'Moon/Base', locale: 'not a tag', owner: { email: 'nope', name: 'O' } }));
    expect(err?.code).toBe('TENANCY_STORE_INVALID');
    expect(err?.fields?.map((f) => f.path).sort()).toEqual(['defaultCurrency', 'owner.email']);
    const err2 = await failure(stores.createStore(ctx(), { ...base, handle: 'x!', timezone: 'Moon/Base', locale: 'not a tag' }));
    expect(err2?.fields?.map((f) => f.path).sort()).toEqual(['handle', 'locale', 'timezone']);
  });
});

describe('/api/v1/admin/store', () => {
  it('reads with store:read and changes with store:manage only', async () => {
    const created = await stores.createStore(ctx(), { ...base, handle: 'api-shop' });
    await addStaff(t, created.storeId, 'admin@api-shop.test', 'admin');
    await addStaff(t, created.storeId, 'owner@api-shop.test', 'owner');
    const admin = (await signIn(t, 'api-shop', 'admin@api-shop.test')).auth;
    const owner = (await signIn(t, 'api-shop', 'owner@api-shop.test')).auth;
    const read = await t.app.inject({ url: '/api/v1/admin/store', headers: admin });
    expect(read.json()).toMatchObject({ id: created.storeId, handle: 'api-shop', settings: { requireMfaForAdmins: false } });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: admin, payload: { name: 'No' } })).statusCode).toBe(403);
    const changed = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: owner, payload: { name: 'API shop', timezone: 'America/New_York', defaultCurrency: 'usd' } });
    expect(changed.json()).toMatchObject({ name: 'API shop', timezone: 'America/New_York', defaultCurrency: 'USD' });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: owner, payload: { timezone: 'Nowhere/Town' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ path: 'body.timezone', message: expect.any(String) }]);
    expect((await t.app.inject({ url: '/api/v1/admin/store' })).statusCode).toBe(401);
  });
});

describe('storefront store resolution', () => {
  it('finds a store by publishable key or host, caches it briefly, and ignores revoked keys and suspended stores', async () => {
    const created = await stores.createStore(ctx(), { ...base, handle: 'front-shop' });
    await t.database.pool.query('insert into store_domains (id, tenant_id, host) values ($1, $2, $3)', [uuidv7(), created.storeId, 'shop.example.com']);
    let now = 1_000_000;
    const resolver = createStoreResolver(t.database.db, createMemoryCache({ now: () => now }));
    expect(await resolver.resolve({ publishableKey: created.publishableKey })).toMatchObject({ tenantId: created.storeId, handle: 'front-shop' });
    expect(await resolver.resolve({ host: 'Shop.Example.com:443' })).toMatchObject({ tenantId: created.storeId });
    expect(await resolver.resolve({ publishableKey: 'pk_unknownunknownunknown' })).toBeNull();
    expect(await resolver.resolve({})).toBeNull();
    await t.database.pool.query(`update stores set status = 'suspended' where id = $1`, [created.storeId]);
    expect(await resolver.resolve({ publishableKey: created.publishableKey })).not.toBeNull(); // still cached
    now += 31_000;
    expect(await resolver.resolve({ publishableKey: created.publishableKey })).toBeNull();
    expect(await resolver.resolve({ host: 'shop.example.com' })).toBeNull();
  });
});
