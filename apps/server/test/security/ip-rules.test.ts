import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockIp } from '../../src/modules/security/index.ts';
import { createIpRuleService } from '../../src/modules/security/ip-rule.service.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
});
afterAll(() => t.close());

interface Rule {
  id: string;
  cidr: string;
  action: string;
  scope: string;
  expiresAt: string | null;
}

const admin = (tenantId: string, remoteAddress = '127.0.0.1') => ({ url: '/api/v1/admin/audit-log', headers: as('owner', tenantId), remoteAddress });
const status = async (tenantId: string, remoteAddress: string) => (await t.app.inject(admin(tenantId, remoteAddress))).statusCode;

async function addRule(tenantId: string, body: Record<string, unknown>, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/v1/admin/ip-rules', headers: as('owner', tenantId), remoteAddress, payload: { reason: 'test', ...body } });
}

const platform = <T>(work: Parameters<typeof inTransaction<T>>[2]) => inTransaction(t.database.db, { tenantId: null, platform: true }, work);

describe('IP rules of a store', () => {
  it('a deny rule refuses matching addresses with 403 ACCESS_IP_DENIED, in this store only', async () => {
    const store = await createStore(t.database, 'ip-deny');
    const other = await createStore(t.database, 'ip-deny-other');
    const res = await addRule(store, { cidr: '198.51.100.77/24', action: 'deny' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ cidr: '198.51.100.0/24', action: 'deny', scope: 'store', expiresAt: null });
    const refused = await t.app.inject(admin(store, '198.51.100.5'));
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'ACCESS_IP_DENIED', status: 403 });
    expect(await status(store, '198.51.101.5')).toBe(200);
    expect(await status(other, '198.51.100.5')).toBe(200);
  });

  it('with allow rules, only matching IPv4 and IPv6 addresses get in', async () => {
    const store = await createStore(t.database, 'ip-allow');
    expect((await addRule(store, { cidr: '203.0.113.0/24', action: 'allow' }, '203.0.113.10')).statusCode).toBe(201);
    expect((await addRule(store, { cidr: '2001:db8:1::/48', action: 'allow' }, '203.0.113.10')).statusCode).toBe(201);
    expect(await status(store, '203.0.113.20')).toBe(200);
    expect(await status(store, '2001:db8:1:2::3')).toBe(200);
    expect(await status(store, '192.0.2.1')).toBe(403);
    expect(await status(store, '2001:db8:2::1')).toBe(403);
    const list = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', store), remoteAddress: '203.0.113.10' });
    expect((list.json() as { data: Rule[] }).data.map((r) => r.cidr)).toEqual(['2001:db8:1::/48', '203.0.113.0/24']);
  });

  it('refuses a change that would lock out the address making it', async () => {
    const store = await createStore(t.database, 'ip-self');
    const allowElsewhere = await addRule(store, { cidr: '10.0.0.0/8', action: 'allow' }, '192.0.2.1');
    expect(allowElsewhere.statusCode).toBe(422);
    expect(allowElsewhere.json()).toMatchObject({ code: 'IP_RULE_LOCKOUT' });
    expect((await addRule(store, { cidr: '192.0.2.0/24', action: 'deny' }, '192.0.2.1')).json()).toMatchObject({ code: 'IP_RULE_LOCKOUT' });
    const { rows } = await t.database.pool.query('select count(*)::int as n from ip_rules where tenant_id = $1', [store]);
    expect(rows[0].n).toBe(0);

    const own = (await addRule(store, { cidr: '192.0.2.1', action: 'allow' }, '192.0.2.1')).json() as Rule;
    expect((await addRule(store, { cidr: '10.0.0.0/8', action: 'allow' }, '192.0.2.1')).statusCode).toBe(201);
    const removeOwn = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/ip-rules/${own.id}`, headers: as('owner', store), remoteAddress: '192.0.2.1' });
    expect(removeOwn.json()).toMatchObject({ code: 'IP_RULE_LOCKOUT' });
    expect(await status(store, '192.0.2.1')).toBe(200);
  });

  it('expire: a block lifts when its time is up, and expired rules leave the list', async () => {
    const store = await createStore(t.database, 'ip-expiry');
    const expiresAt = new Date(Date.now() + 3_000);
    await inTransaction(t.database.db, { tenantId: store }, (tx) => blockIp(tx, { tenantId: store, cidr: '198.51.100.9', reason: 'failed logins', expiresAt }));
    expect(await status(store, '198.51.100.9')).toBe(403);
    const listed = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', store) });
    expect((listed.json() as { data: Rule[] }).data).toMatchObject([{ cidr: '198.51.100.9/32', action: 'deny', expiresAt: expect.any(String) }]);
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 100));
    expect(await status(store, '198.51.100.9')).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', store) });
    expect((after.json() as { data: Rule[] }).data).toEqual([]);
  });

  it('blockIp extends a block in force instead of adding a second one, and audits each block', async () => {
    const store = await createStore(t.database, 'ip-reblock');
    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 3_600_000);
    const first = await inTransaction(t.database.db, { tenantId: store }, (tx) => blockIp(tx, { tenantId: store, cidr: '::ffff:198.51.100.3', reason: 'r1', expiresAt: later }));
    const second = await inTransaction(t.database.db, { tenantId: store }, (tx) => blockIp(tx, { tenantId: store, cidr: '198.51.100.3', reason: 'r2', expiresAt: soon }));
    expect(second.id).toBe(first.id);
    expect(second.expiresAt).toBe(later.toISOString());
    const { rows } = await t.database.pool.query("select count(*)::int as n from audit_log where tenant_id = $1 and action = 'ip_rule.blocked' and actor_type = 'system'", [store]);
    expect(rows[0].n).toBe(2);
  });

  it('validates the rule: CIDR, action, no foreign fields', async () => {
    const store = await createStore(t.database, 'ip-validate');
    for (const [body, path] of [
      [{ cidr: '300.1.1.1', action: 'deny' }, 'body.cidr'],
      [{ cidr: '10.0.0.0/8', action: 'block' }, 'body.action'],
      [{ cidr: '10.0.0.0/8', action: 'deny', tenantId: null }, 'body'],
      [{ cidr: '10.0.0.0/8', action: 'deny', expiresAt: '2001-01-01T00:00:00Z' }, 'body.expiresAt'],
    ] as const) {
      const res = await addRule(store, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect((res.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(path);
    }
  });

  it('belong to one store: another store’s rule ids answer 404, never 403, and stay', async () => {
    const a = await createStore(t.database, 'ip-cross-a');
    const b = await createStore(t.database, 'ip-cross-b');
    const ruleOfB = (await addRule(b, { cidr: '198.51.100.200', action: 'deny' })).json() as Rule;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/ip-rules/${ruleOfB.id}`, headers: as('owner', a) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'IP_RULE_NOT_FOUND' });
    const listA = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', a) });
    expect(listA.body).not.toContain(ruleOfB.id);
    expect(await status(b, '198.51.100.200')).toBe(403);
  });
});

describe('platform-wide IP rules', () => {
  it('a global deny refuses the whole admin API before authentication, and nothing else', async () => {
    const store = await createStore(t.database, 'ip-global');
    const rule = await platform((tx) => blockIp(tx, { tenantId: null, cidr: '192.0.2.66', reason: 'abuse', expiresAt: null }));
    expect(rule.scope).toBe('platform');
    expect(await status(store, '192.0.2.66')).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', remoteAddress: '192.0.2.66', payload: {} });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json()).toMatchObject({ code: 'ACCESS_IP_DENIED' });
    expect((await t.app.inject({ url: '/api/v1/admin/auth/login', method: 'POST', remoteAddress: '192.0.2.66', payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1', remoteAddress: '192.0.2.66' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/health/live', remoteAddress: '192.0.2.66' })).statusCode).toBe(200);
  });

  it('stores neither see nor delete the platform-wide rules', async () => {
    const store = await createStore(t.database, 'ip-global-hidden');
    const rule = await platform((tx) => blockIp(tx, { tenantId: null, cidr: '192.0.2.77', reason: 'abuse', expiresAt: null }));
    const list = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', store) });
    expect(list.body).not.toContain(rule.id);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/ip-rules/${rule.id}`, headers: as('owner', store) });
    expect(del.statusCode).toBe(404);
    expect(await status(store, '192.0.2.77')).toBe(403);
  });

  it('a global allowlist admits only its networks, and a store allowlist cannot widen it', async () => {
    const store = await createStore(t.database, 'ip-global-allow');
    const rules = createIpRuleService(t.database.db);
    const cli = systemCtx(t.log, 'cli');
    const office = await rules.add(cli, { cidr: '10.0.0.0/8', action: 'allow', reason: 'offices only' });
    try {
      expect(await status(store, '10.20.30.40')).toBe(200);
      expect(await status(store, '192.0.2.1')).toBe(403);
      expect((await addRule(store, { cidr: '0.0.0.0/0', action: 'allow' }, '10.1.1.1')).statusCode).toBe(201);
      expect(await status(store, '192.0.2.1')).toBe(403);
      expect(await status(store, '10.1.1.1')).toBe(200);
    } finally {
      await rules.remove(cli, office.id);
    }
    expect(await status(store, '192.0.2.1')).toBe(200);
  });
});
