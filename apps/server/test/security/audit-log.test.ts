import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/security/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, bearer, createStore, roleToken, testRoleVerifier } from './fixtures.ts';

let t: TestApp;
let store: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'audit-store');
});
afterAll(() => t.close());

interface Entry {
  id: string;
  actor: { type: string; id: string | null };
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}
interface EntryPage {
  data: Entry[];
  nextCursor: string | null;
}

async function auditOf(tenantId: string, query: string, headers = as('owner', tenantId)): Promise<EntryPage> {
  const res = await t.app.inject({ url: `/api/v1/admin/audit-log?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EntryPage;
}

const staffIdOf = (token: string) => token.split(':')[3]!;

describe('audit entries of security changes', () => {
  it('record API key creation and revocation with actor, request id, IP and user agent, and no secret', async () => {
    const origin = { 'user-agent': 'erp-sync/2.1', 'x-request-id': 'req-create-key-1' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: { ...as('admin', store), ...origin },
      remoteAddress: '2001:db8::42',
      payload: { name: 'erp', permissions: ['catalog:read'] },
    });
    const key = created.json() as { id: string; key: string; prefix: string };
    const [entry] = (await auditOf(store, `action=api_key.created&targetId=${key.id}`)).data;
    expect(entry).toMatchObject({
      actor: { type: 'staff', id: staffIdOf(roleToken('admin', store)) },
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: key.id,
      ip: '2001:db8::42',
      userAgent: 'erp-sync/2.1',
      requestId: 'req-create-key-1',
      changes: { after: { name: 'erp', prefix: key.prefix, permissions: ['catalog:read'], ipAllowlist: [], expiresAt: null } },
    });
    const secret = key.key.slice(key.prefix.length + 1);
    const { rows } = await t.database.pool.query('select changes::text as c from audit_log where target_id = $1', [key.id]);
    expect(rows[0].c).not.toContain(secret);

    await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-keys/${key.id}`, headers: { ...as('owner', store), 'user-agent': 'admin-ui', 'x-request-id': 'req-revoke-1' }, remoteAddress: '192.0.2.8' });
    const [revoked] = (await auditOf(store, `action=api_key.revoked&targetId=${key.id}`)).data;
    expect(revoked).toMatchObject({ ip: '192.0.2.8', userAgent: 'admin-ui', requestId: 'req-revoke-1', changes: { before: { revokedAt: null }, after: { revokedAt: expect.any(String) } } });
  });

  it('record IP rule changes, and actions taken with an API key name the key', async () => {
    const keyRes = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', headers: as('owner', store), payload: { name: 'ops', permissions: ['ip_rules:manage'] } });
    const key = keyRes.json() as { id: string; key: string };
    const headers = { ...bearer(key.key), 'user-agent': 'ops-bot', 'x-request-id': 'req-rule-1' };
    const rule = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/ip-rules', headers, remoteAddress: '192.0.2.9', payload: { cidr: '198.51.100.0/24', action: 'deny', reason: 'scanner' } })).json() as { id: string };
    await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/ip-rules/${rule.id}`, headers: { ...headers, 'x-request-id': 'req-rule-2' }, remoteAddress: '192.0.2.9' });
    const entries = (await auditOf(store, `targetType=ip_rule&targetId=${rule.id}`)).data;
    expect(entries).toMatchObject([
      { action: 'ip_rule.deleted', actor: { type: 'api_key', id: key.id }, requestId: 'req-rule-2', ip: '192.0.2.9', userAgent: 'ops-bot', changes: { before: { cidr: '198.51.100.0/24', action: 'deny', reason: 'scanner' } } },
      { action: 'ip_rule.created', actor: { type: 'api_key', id: key.id }, requestId: 'req-rule-1', changes: { after: { cidr: '198.51.100.0/24', action: 'deny' } } },
    ]);
  });

  it('masks secret-looking fields that callers hand to recordAudit', async () => {
    const targetId = uuidv7();
    await inTransaction(t.database.db, { tenantId: store }, (tx) =>
      recordAudit(tx, { tenantId: store, actor: { kind: 'system', name: 'test' }, action: 'staff.password_changed', targetType: 'staff', targetId, changes: { before: { passwordHash: 'h1', name: 'A' }, after: { passwordHash: 'h2', name: 'A' } } }),
    );
    const [entry] = (await auditOf(store, `targetId=${targetId}`)).data;
    expect(entry!.changes).toEqual({ before: { passwordHash: '[redacted]' }, after: { passwordHash: '[redacted]' } });
  });
});

describe('audit log listing', () => {
  let listStore: string;
  const actors = [uuidv7(), uuidv7()];
  let batches: Entry[][];

  beforeAll(async () => {
    listStore = await createStore(t.database, 'audit-list');
    // Two transactions: entries of one transaction share their created_at, so ties must be broken by id.
    for (const batch of [0, 1]) {
      await inTransaction(t.database.db, { tenantId: listStore }, async (tx) => {
        for (let i = 0; i < 13; i++) {
          await recordAudit(tx, { tenantId: listStore, actor: { kind: 'staff', id: actors[i % 2]! }, action: i % 3 === 0 ? 'catalog.product_created' : 'catalog.product_updated', targetType: 'product', targetId: `p${batch}-${i}` });
        }
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    const all = await auditOf(listStore, 'limit=100');
    batches = [all.data.filter((e) => e.targetId!.startsWith('p1-')), all.data.filter((e) => e.targetId!.startsWith('p0-'))];
  });

  it('pages newest first by (created_at, id) with no entry skipped or repeated', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: EntryPage = await auditOf(listStore, `limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.data.map((e) => e.targetId!));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = [1, 0].flatMap((b) => Array.from({ length: 13 }, (_, i) => `p${b}-${12 - i}`));
    expect(seen).toEqual(expected);
    expect((await auditOf(listStore, '')).data).toHaveLength(20);
  });

  it('filters by action, actor, target and time', async () => {
    const byAction = (await auditOf(listStore, 'action=catalog.product_created&limit=100')).data;
    expect(byAction).toHaveLength(10);
    expect(byAction.every((e) => e.action === 'catalog.product_created')).toBe(true);
    const byActor = (await auditOf(listStore, `actorType=staff&actorId=${actors[1]}&limit=100`)).data;
    expect(byActor).toHaveLength(12);
    expect(byActor.every((e) => e.actor.id === actors[1])).toBe(true);
    expect((await auditOf(listStore, 'targetType=product&targetId=p0-4')).data.map((e) => e.targetId)).toEqual(['p0-4']);
    const secondBatchAt = batches[0]![0]!.createdAt;
    const from = (await auditOf(listStore, `from=${secondBatchAt}&limit=100`)).data;
    expect(from.map((e) => e.targetId).sort()).toEqual(batches[0]!.map((e) => e.targetId).sort());
    const to = (await auditOf(listStore, `to=${secondBatchAt}&limit=100`)).data;
    expect(to.map((e) => e.targetId).sort()).toEqual(batches[1]!.map((e) => e.targetId).sort());
  });

  it('refuses a limit above 100 and a cursor it did not hand out', async () => {
    for (const query of ['limit=101', 'limit=0', 'cursor=forged', 'from=yesterday', 'actorType=robot']) {
      const res = await t.app.inject({ url: `/api/v1/admin/audit-log?${query}`, headers: as('owner', listStore) });
      expect(res.statusCode, query).toBe(422);
    }
  });

  it('shows a store its own entries only', async () => {
    const other = await createStore(t.database, 'audit-other');
    expect((await auditOf(other, 'limit=100')).data).toEqual([]);
    expect((await auditOf(other, 'targetId=p0-4')).data).toEqual([]);
  });
});

describe('audit log immutability over HTTP', () => {
  it('has no route that changes or removes entries', async () => {
    const methods = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1/admin/audit-log')).map((r) => r.method);
    expect(new Set(methods)).toEqual(new Set(['GET', 'HEAD']));
    const [entry] = (await auditOf(store, 'limit=1')).data;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/v1/admin/audit-log', `/api/v1/admin/audit-log/${entry!.id}`]) {
        const res = await t.app.inject({ method, url, headers: as('owner', store), payload: { action: 'forged' } });
        expect([404, 405], `${method} ${url}`).toContain(res.statusCode);
      }
    }
    const [again] = (await auditOf(store, `limit=1`)).data;
    expect(again).toEqual(entry);
  });
});
