import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, bearer, createStore, testRoleVerifier } from './fixtures.ts';

let t: TestApp;
let storeA: string;
let storeB: string;
const issued: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  storeA = await createStore(t.database, 'keys-a');
  storeB = await createStore(t.database, 'keys-b');
});
afterAll(() => t.close());

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  permissions: string[];
  ipAllowlist: string[];
}

async function createKey(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', headers, payload: body });
  if (res.statusCode === 201) issued.push((res.json() as CreatedKey).key);
  return res;
}

async function newKey(body: Record<string, unknown>, tenantId = storeA): Promise<CreatedKey> {
  const res = await createKey(as('owner', tenantId), { name: 'integration', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CreatedKey;
}

const listKeys = (key: string, remoteAddress?: string) =>
  t.app.inject({ url: '/api/v1/admin/api-keys', headers: bearer(key), ...(remoteAddress ? { remoteAddress } : {}) });

describe('API keys', () => {
  it('are shown whole once, stored as prefix and SHA-256 of the secret, and never shown again', async () => {
    const res = await createKey(as('owner', storeA), { name: 'erp sync', permissions: ['catalog:read', 'orders:read'] });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json() as CreatedKey;
    expect(created.key).toMatch(/^wk_sk_[0-9a-z]{8}_[0-9A-Za-z]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    const secret = created.key.slice(created.prefix.length + 1);

    const { rows } = await t.database.pool.query('select * from api_keys where id = $1', [created.id]);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(secret);

    const list = await t.app.inject({ url: '/api/v1/admin/api-keys', headers: as('owner', storeA) });
    const one = await t.app.inject({ url: `/api/v1/admin/api-keys/${created.id}`, headers: as('owner', storeA) });
    for (const later of [list, one]) {
      expect(later.statusCode).toBe(200);
      expect(later.body).not.toContain(secret);
      expect(later.body).not.toContain('"key"');
      expect(later.body).not.toMatch(/secret_?hash/i);
    }
    expect(one.json()).toMatchObject({ id: created.id, name: 'erp sync', prefix: created.prefix, permissions: ['catalog:read', 'orders:read'], revokedAt: null, lastUsedAt: null });
  });

  it('work as bearer tokens within their permissions only', async () => {
    const manager = await newKey({ permissions: ['api_keys:manage'] });
    const reader = await newKey({ permissions: ['catalog:read'] });
    expect((await listKeys(manager.key)).statusCode).toBe(200);
    const refused = await listKeys(reader.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect((await t.app.inject({ url: '/api/v1/admin/audit-log', headers: bearer(manager.key) })).statusCode).toBe(403);
  });

  it('carry only permissions their creator holds', async () => {
    const admin = await createKey(as('admin', storeA), { name: 'too much', permissions: ['catalog:read', 'store:manage'] });
    expect(admin.statusCode).toBe(403);
    expect(admin.json()).toMatchObject({ code: 'API_KEY_PERMISSIONS_FORBIDDEN', errors: [{ path: 'body.permissions', message: 'not held by you: store:manage' }] });
    expect((await createKey(as('admin', storeA), { name: 'fine', permissions: ['catalog:read', 'staff:manage'] })).statusCode).toBe(201);

    const keyManager = await newKey({ permissions: ['api_keys:manage', 'catalog:read'] });
    const escalate = await createKey(bearer(keyManager.key), { name: 'escalate', permissions: ['catalog:write'] });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json()).toMatchObject({ code: 'API_KEY_PERMISSIONS_FORBIDDEN' });
    expect((await createKey(bearer(keyManager.key), { name: 'narrower', permissions: ['catalog:read'] })).statusCode).toBe(201);
  });

  it('refuse unknown permissions, bad CIDRs, past expiry and fields that are not theirs to set', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ permissions: ['catalog:everything'] }, 'body.permissions.0'],
      [{ permissions: [] }, 'body.permissions'],
      [{ permissions: ['catalog:read'], ipAllowlist: ['10.0.0.0/33'] }, 'body.ipAllowlist.0'],
      [{ permissions: ['catalog:read'], tenantId: storeB }, 'body'],
      [{ permissions: ['catalog:read'], expiresAt: '2020-01-01T00:00:00Z' }, 'body.expiresAt'],
    ];
    for (const [body, path] of cases) {
      const res = await createKey(as('owner', storeA), { name: 'bad', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect((res.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path), JSON.stringify(body)).toContain(path);
    }
  });

  it('enforce an IPv4 allowlist against the client address (IPv4-mapped IPv6 included)', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'], ipAllowlist: ['203.0.113.9/24'] });
    expect(key.ipAllowlist).toEqual(['203.0.113.0/24']);
    expect((await listKeys(key.key, '203.0.113.7')).statusCode).toBe(200);
    expect((await listKeys(key.key, '::ffff:203.0.113.200')).statusCode).toBe(200);
    const outside = await listKeys(key.key, '198.51.100.1');
    expect(outside.statusCode).toBe(401);
    expect(outside.json()).toMatchObject({ code: 'AUTH_UNAUTHENTICATED' });
    expect(t.logs.some((l) => l.reason === 'API key used from outside its IP allowlist')).toBe(true);
  });

  it('enforce an IPv6 allowlist', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'], ipAllowlist: ['2001:DB8:ABCD::/48', '192.0.2.1'] });
    expect(key.ipAllowlist).toEqual(['2001:db8:abcd::/48', '192.0.2.1/32']);
    expect((await listKeys(key.key, '2001:db8:abcd:12::5')).statusCode).toBe(200);
    expect((await listKeys(key.key, '192.0.2.1')).statusCode).toBe(200);
    expect((await listKeys(key.key, '2001:db8:abce::1')).statusCode).toBe(401);
    expect((await listKeys(key.key, '127.0.0.1')).statusCode).toBe(401);
  });

  it('stop working once revoked (401), and revoking again changes nothing', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'] });
    expect((await listKeys(key.key)).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-keys/${key.id}`, headers: as('owner', storeA) });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    const after = await listKeys(key.key);
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toContain('invalid_token');
    expect(t.logs.some((l) => l.reason === 'revoked API key')).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-keys/${key.id}`, headers: as('owner', storeA) })).statusCode).toBe(204);
    const { rows } = await t.database.pool.query("select count(*)::int as n from audit_log where target_id = $1 and action = 'api_key.revoked'", [key.id]);
    expect(rows[0].n).toBe(1);
    const shown = await t.app.inject({ url: `/api/v1/admin/api-keys/${key.id}`, headers: as('owner', storeA) });
    expect(shown.json()).toMatchObject({ revokedAt: expect.any(String) });
  });

  it('stop working once expired (401)', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await listKeys(key.key)).statusCode).toBe(200);
    await t.database.pool.query("update api_keys set expires_at = now() - interval '1 second' where id = $1", [key.id]);
    expect((await listKeys(key.key)).statusCode).toBe(401);
    expect(t.logs.some((l) => l.reason === 'expired API key')).toBe(true);
  });

  it('stop working while their store is suspended (401)', async () => {
    const store = await createStore(t.database, 'keys-suspended');
    const key = await newKey({ permissions: ['api_keys:manage'] }, store);
    expect((await listKeys(key.key)).statusCode).toBe(200);
    await t.database.pool.query("update stores set status = 'suspended' where id = $1", [store]);
    expect((await listKeys(key.key)).statusCode).toBe(401);
    await t.database.pool.query("update stores set status = 'active' where id = $1", [store]);
    expect((await listKeys(key.key)).statusCode).toBe(200);
  });

  it('refuse malformed, unknown and wrong-secret keys alike (401)', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'] });
    const last = key.key.at(-1) === 'A' ? 'B' : 'A';
    for (const token of ['wk_sk_short', `wk_sk_zzzzzzzz_${'a'.repeat(43)}`, `${key.key.slice(0, -1)}${last}`]) {
      const res = await listKeys(token);
      expect(res.statusCode, token).toBe(401);
    }
  });

  it('record when and from where they were last used, at most once a minute', async () => {
    const key = await newKey({ permissions: ['api_keys:manage'] });
    const lastUsed = async () => (await t.database.pool.query('select last_used_at, host(last_used_ip) as ip from api_keys where id = $1', [key.id])).rows[0];
    await listKeys(key.key, '2001:db8::7');
    const first = await lastUsed();
    expect(first.ip).toBe('2001:db8::7');
    await listKeys(key.key, '192.0.2.50');
    expect(await lastUsed()).toEqual(first);
    await t.database.pool.query("update api_keys set last_used_at = now() - interval '2 minutes' where id = $1", [key.id]);
    const backdated = await lastUsed();
    await listKeys(key.key, '192.0.2.50');
    const later = await lastUsed();
    expect(later.ip).toBe('192.0.2.50');
    expect(later.last_used_at.getTime() - backdated.last_used_at.getTime()).toBeGreaterThan(100_000);
    const shown = await t.app.inject({ url: `/api/v1/admin/api-keys/${key.id}`, headers: as('owner', storeA) });
    expect(shown.json()).toMatchObject({ lastUsedIp: '192.0.2.50', lastUsedAt: expect.any(String) });
  });

  it('record a use once, not once per request, when many requests arrive together', async () => {
    await t.database.pool.query(`
      create table key_touches (key_id uuid not null);
      create function count_key_touch() returns trigger language plpgsql security definer as $$
        begin insert into key_touches values (new.id); return new; end $$;
      create trigger count_key_touch after update of last_used_at on api_keys for each row execute function count_key_touch();`);
    const key = await newKey({ permissions: ['api_keys:manage'] });
    const burst = await Promise.all(Array.from({ length: 20 }, () => listKeys(key.key)));
    expect(burst.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const touches = async () => (await t.database.pool.query('select count(*)::int as n from key_touches where key_id = $1', [key.id])).rows[0].n;
    expect(await touches()).toBe(1);
    await t.database.pool.query("update api_keys set last_used_at = now() - interval '2 minutes' where id = $1", [key.id]);
    await Promise.all(Array.from({ length: 20 }, () => listKeys(key.key)));
    expect(await touches()).toBe(3);
  });

  it('belong to one store: another store’s staff and keys get 404 for its key ids, never 403', async () => {
    const keyOfB = await newKey({ permissions: ['api_keys:manage'] }, storeB);
    const keyOfA = await newKey({ permissions: ['api_keys:manage'] }, storeA);
    for (const headers of [as('owner', storeA), bearer(keyOfA.key)]) {
      for (const method of ['GET', 'DELETE'] as const) {
        const res = await t.app.inject({ method, url: `/api/v1/admin/api-keys/${keyOfB.id}`, headers });
        expect(res.statusCode, method).toBe(404);
        expect(res.json()).toMatchObject({ code: 'API_KEY_NOT_FOUND' });
      }
      const list = await t.app.inject({ url: '/api/v1/admin/api-keys?limit=100', headers });
      expect(list.body).not.toContain(keyOfB.id);
    }
    const stillWorks = await listKeys(keyOfB.key);
    expect(stillWorks.statusCode).toBe(200);
    expect(stillWorks.body).toContain(keyOfB.id);
    expect(stillWorks.body).not.toContain(keyOfA.id);
  });

  it('list newest first with cursor pagination', async () => {
    const store = await createStore(t.database, 'keys-pages');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await newKey({ name: `k${i}`, permissions: ['catalog:read'] }, store)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.inject({ url: `/api/v1/admin/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: as('owner', store) });
      const page = res.json() as { data: Array<{ id: string }>; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((k) => k.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('never write a secret to the log', () => {
    expect(issued.length).toBeGreaterThan(10);
    const logged = JSON.stringify(t.logs);
    for (const key of issued) expect(logged).not.toContain(key.slice(key.lastIndexOf('_') + 1));
    expect(logged).not.toContain('wk_sk_zzzzzzzz');
  });
});
