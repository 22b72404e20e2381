import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { runCli } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { as, createStore, testRoleVerifier } from './fixtures.ts';

let db: TestDatabase;
let t: TestApp;
let store: string;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await buildTestApp({ db, bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'cli-store');
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

const winkel = (...args: string[]) => runCli(['ip-rules', ...args], { DATABASE_URL: db.url, REDIS_URL: undefined });

describe('winkel ip-rules', () => {
  it('adds, lists and removes platform-wide rules, each audited, and servers enforce them', async () => {
    const added = await winkel('add', '192.0.2.0/24', 'deny', '--reason', 'botnet', '--expires', '2h');
    expect(added.code, added.stderr).toBe(0);
    const id = /^added ([0-9a-f-]{36})\s+deny\s+192\.0\.2\.0\/24\s+until \S+\s+botnet$/m.exec(added.stdout)?.[1];
    expect(id, added.stdout).toBeDefined();

    const listed = await winkel('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id!);

    const refused = await t.app.inject({ url: '/api/v1/admin/audit-log', headers: as('owner', store), remoteAddress: '192.0.2.10' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCESS_IP_DENIED' });
    const storeView = await t.app.inject({ url: '/api/v1/admin/ip-rules', headers: as('owner', store) });
    expect(storeView.body).not.toContain(id!);

    const removed = await winkel('remove', id!);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe(`removed ip rule ${id}\n`);
    expect((await winkel('list')).stdout).toBe('no platform-wide ip rules\n');

    const { rows } = await t.database.pool.query('select tenant_id, actor_type, actor_id, action from audit_log where target_id = $1 order by created_at, id', [id]);
    expect(rows).toEqual([
      { tenant_id: null, actor_type: 'system', actor_id: 'cli', action: 'ip_rule.created' },
      { tenant_id: null, actor_type: 'system', actor_id: 'cli', action: 'ip_rule.deleted' },
    ]);
  });

  it('--store lets an operator let a locked-out store back in', async () => {
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/admin/ip-rules', headers: as('owner', store), remoteAddress: '203.0.113.5', payload: { cidr: '203.0.113.5', action: 'allow', reason: 'old office' } });
    expect(locked.statusCode).toBe(201);
    const rule = locked.json() as { id: string };
    const newOffice = () => t.app.inject({ url: '/api/v1/admin/audit-log', headers: as('owner', store), remoteAddress: '198.51.100.20' });
    expect((await newOffice()).statusCode).toBe(403);

    const listed = await winkel('list', '--store', store);
    expect(listed.stdout).toContain(rule.id);
    expect((await winkel('list')).stdout).not.toContain(rule.id);
    const removed = await winkel('remove', rule.id, '--store', store);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await newOffice()).statusCode).toBe(200);
    const { rows } = await t.database.pool.query("select tenant_id, actor_id from audit_log where target_id = $1 and action = 'ip_rule.deleted'", [rule.id]);
    expect(rows).toEqual([{ tenant_id: store, actor_id: 'cli' }]);
  });

  it('usage errors exit 2; an unknown rule id or store exits 1 with one line', async () => {
    const bad = await winkel('add', 'not-an-ip', 'deny', '--reason', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^winkel: ip-rules add takes an IPv4 or IPv6 address or CIDR first/);
    const missing = await winkel('remove', '0190a1b2-c3d4-7e5f-8a6b-000000000001');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual(['winkel: IP_RULE_NOT_FOUND: There is no IP rule with this id here.']);
    const noStore = await winkel('add', '192.0.2.1', 'deny', '--reason', 'x', '--store', '0190a1b2-c3d4-7e5f-8a6b-000000000002');
    expect(noStore.code).toBe(1);
    expect(noStore.stderr.trim().split('\n')).toEqual(['winkel: STORE_NOT_FOUND: There is no store with this id.']);
  });
});
