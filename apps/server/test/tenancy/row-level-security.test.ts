import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { enqueueJob } from '../../src/platform/jobs/job-queue.ts';
import { publishableKeys, stores } from '../../src/modules/tenancy/tenancy.tables.ts';
import { captureLogger } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

const violatesRls = (err: unknown) => /row-level security/.test(String((err as { cause?: Error }).cause?.message));

let db: TestDatabase;
let database: Database;
const storeA = uuidv7();
const storeB = uuidv7();

beforeAll(async () => {
  db = await createTestDatabase();
  database = createDatabase({ url: db.url, max: 3, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1000 }, captureLogger().log);
  await inTransaction(database.db, { tenantId: null, platform: true }, async (tx) => {
    for (const [id, handle] of [[storeA, 'store-a'], [storeB, 'store-b']] as const) {
      await tx.insert(stores).values({ id, tenantId: id, handle, name: handle, defaultCurrency: 'EUR', locale: 'en', timezone: 'UTC' });
      await tx.insert(publishableKeys).values({ id: uuidv7(), tenantId: id, name: 'web', token: `pk_${handle}` });
    }
  });
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

describe('row-level security', () => {
  it('runs application transactions as a role that cannot bypass it, whatever DATABASE_URL names', async () => {
    const role = await inTransaction(database.db, { tenantId: storeA }, async (tx) => {
      const r = await tx.execute<{ who: string; su: boolean; bypass: boolean; owns: number }>(sql`
        select current_user as who, r.rolsuper as su, r.rolbypassrls as bypass,
               (select count(*)::int from pg_tables where tableowner = current_user and schemaname = 'public') as owns
        from pg_roles r where r.rolname = current_user`);
      return r.rows[0]!;
    });
    expect(role).toEqual({ who: 'winkel_app', su: false, bypass: false, owns: 0 });
  });

  it('a query that leaves out the tenant filter still sees only the current store', async () => {
    const seen = await inTransaction(database.db, { tenantId: storeA }, async (tx) => ({
      stores: await tx.select({ handle: stores.handle }).from(stores),
      keys: await tx.select({ token: publishableKeys.token }).from(publishableKeys),
      raw: await tx.execute<{ n: number }>(sql`select count(*)::int as n from publishable_keys`),
    }));
    expect(seen.stores).toEqual([{ handle: 'store-a' }]);
    expect(seen.keys).toEqual([{ token: 'pk_store-a' }]);
    expect(seen.raw.rows[0]!.n).toBe(1);
  });

  it('no store in context: tenant tables show nothing', async () => {
    const seen = await inTransaction(database.db, { tenantId: null }, async (tx) => ({
      stores: await tx.select().from(stores),
      keys: await tx.select().from(publishableKeys),
    }));
    expect(seen).toEqual({ stores: [], keys: [] });
  });

  it('refuses to write a row for another store, and to move a row to another store', async () => {
    await expect(
      inTransaction(database.db, { tenantId: storeA }, (tx) => tx.insert(publishableKeys).values({ id: uuidv7(), tenantId: storeB, name: 'sneaky', token: 'pk_sneaky' })),
    ).rejects.toSatisfy(violatesRls);
    await expect(
      inTransaction(database.db, { tenantId: storeA }, (tx) => tx.update(publishableKeys).set({ tenantId: storeB })),
    ).rejects.toSatisfy(violatesRls);
    const updatedOther = await inTransaction(database.db, { tenantId: storeA }, (tx) =>
      tx.update(publishableKeys).set({ name: 'renamed' }).where(sql`${publishableKeys.tenantId} = ${storeB}`).returning(),
    );
    expect(updatedOther).toEqual([]);
  });

  it('the settings do not leak to the next user of a pooled connection', async () => {
    await inTransaction(database.db, { tenantId: storeA }, async () => undefined);
    const after = await database.pool.query(`select current_user as who, coalesce(current_setting('app.tenant_id', true), '') as tenant`);
    expect(after.rows[0].tenant).toBe('');
    expect(after.rows[0].who).not.toBe('winkel_app');
  });

  it('jobs can still be enqueued inside a store transaction', async () => {
    const job = await inTransaction(database.db, { tenantId: storeA }, async (tx) => {
      const enqueued = await enqueueJob(tx, 'test.noop', { tenantId: storeA }, { maxAttempts: 1 });
      const who = await tx.execute<{ who: string }>(sql`select current_user as who`);
      return { ...enqueued, who: who.rows[0]!.who };
    });
    expect(job.id).toMatch(/^\d+$/);
    expect(job.who).toBe('winkel_app');
  });

  it('covers every table that has a tenant_id column: enabled, forced, with a policy', async () => {
    const { rows } = await database.pool.query<{ table: string; rls: boolean; forced: boolean; policies: number }>(`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`);
    expect(rows.length).toBeGreaterThan(10);
    const unprotected = rows.filter((r) => !r.rls || !r.forced || r.policies === 0).map((r) => r.table);
    expect(unprotected).toEqual([]);
  });

  it('keeps the audit log append-only for the application role', async () => {
    const id = uuidv7();
    await inTransaction(database.db, { tenantId: storeA }, (tx) =>
      tx.execute(sql`insert into audit_log (id, tenant_id, actor_type, action) values (${id}, ${storeA}, 'system', 'test.event')`),
    );
    const cause = (err: unknown) => String((err as { cause?: Error }).cause?.message);
    await expect(inTransaction(database.db, { tenantId: storeA }, (tx) => tx.execute(sql`update audit_log set action = 'forged' where id = ${id}`))).rejects.toSatisfy((e) => /permission denied/.test(cause(e)));
    await expect(inTransaction(database.db, { tenantId: storeA }, (tx) => tx.execute(sql`delete from audit_log where id = ${id}`))).rejects.toSatisfy((e) => /permission denied/.test(cause(e)));
    const seenByOther = await inTransaction(database.db, { tenantId: storeB }, (tx) => tx.execute(sql`select id from audit_log where id = ${id}`));
    expect(seenByOther.rows).toEqual([]);
  });

  it('lets a store read platform-wide IP rules but never change or delete them', async () => {
    const id = uuidv7();
    await inTransaction(database.db, { tenantId: null, platform: true }, (tx) =>
      tx.execute(sql`insert into ip_rules (id, tenant_id, cidr, action, reason) values (${id}, null, '203.0.113.0/24', 'deny', 'test')`),
    );
    const asStore = <T>(work: Parameters<typeof inTransaction<T>>[2]) => inTransaction(database.db, { tenantId: storeA }, work);
    expect((await asStore((tx) => tx.execute(sql`select id from ip_rules where id = ${id}`))).rows).toHaveLength(1);
    expect((await asStore((tx) => tx.execute(sql`update ip_rules set reason = 'mine now' where id = ${id}`))).rowCount).toBe(0);
    expect((await asStore((tx) => tx.execute(sql`delete from ip_rules where id = ${id}`))).rowCount).toBe(0);
    const still = await inTransaction(database.db, { tenantId: null, platform: true }, (tx) => tx.execute<{ reason: string }>(sql`select reason from ip_rules where id = ${id}`));
    expect(still.rows).toEqual([{ reason: 'test' }]);
  });
});
