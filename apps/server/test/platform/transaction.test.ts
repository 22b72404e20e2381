import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { beginScoped, inTransaction } from '../../src/platform/db/transaction.ts';
import { useSingleConnectionDatabase } from '../single-connection-database.ts';

const connection = useSingleConnectionDatabase();

const STORE = '0190f0a0-0000-7000-8000-0000000000aa';
const settings = async (tx: Parameters<Parameters<typeof inTransaction>[2]>[0]) =>
  (await tx.execute<{ role: string; tenant: string; platform: string; mode: string; in_tx: boolean }>(sql`
    select current_user as role, current_setting('app.tenant_id', true) as tenant, current_setting('app.platform', true) as platform,
           current_setting('plan_cache_mode') as mode, now() = statement_timestamp() as in_tx`)).rows[0]!;

describe('inTransaction', () => {
  it('runs as the application role with the store, the platform flag and the plan mode set, inside one transaction', async () => {
    const seen = await inTransaction(connection.database.db, { tenantId: STORE, reusePlans: true }, async (tx) => {
      // now() is the transaction's start: after a pause it differs from the statement's time only inside one transaction.
      await tx.execute(sql`select pg_sleep(0.01)`);
      return settings(tx);
    });
    expect(seen).toMatchObject({ role: 'winkel_app', tenant: STORE, platform: '', mode: 'force_generic_plan', in_tx: false });
    expect(await inTransaction(connection.database.db, { tenantId: null, platform: true }, settings)).toMatchObject({ tenant: '', platform: 'on', mode: 'auto' });
  });

  it('leaves nothing on the connection for its next user: settings end with the transaction, a failed one is rolled back', async () => {
    await inTransaction(connection.database.db, { tenantId: STORE }, async () => undefined);
    await expect(
      inTransaction(connection.database.db, { tenantId: STORE }, async (tx) => {
        await tx.execute(sql`create temporary table left_behind (n int) on commit drop`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const client = await connection.database.pool.connect();
    try {
      const { rows } = await client.query(`select current_user as role, coalesce(current_setting('app.tenant_id', true), '') as tenant, to_regclass('pg_temp.left_behind') is null as gone`);
      expect(rows[0]).toEqual({ role: expect.not.stringMatching(/^winkel_app$/), tenant: '', gone: true });
    } finally {
      client.release();
    }
  });

  it('keeps Drizzle’s savepoints: a failed nested transaction rolls back only its own writes', async () => {
    const kept = await inTransaction(connection.database.db, { tenantId: null }, async (tx) => {
      await tx.execute(sql`create temporary table marks (n int) on commit drop`);
      await tx.execute(sql`insert into marks values (1)`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into marks values (2)`);
        throw new Error('inner failed');
      }).catch(() => undefined);
      return (await tx.execute<{ n: number }>(sql`select n from marks order by n`)).rows.map((r) => r.n);
    });
    expect(kept).toEqual([1]);
  });

  it('sends begin together with the first statement: a transaction of one statement is two writes to the socket', async () => {
    // The pool keeps its one connection; count what is written to it while one transaction runs.
    const client = await connection.database.pool.connect();
    const stream = (client as unknown as { connection: { stream: { _writev?: (...a: unknown[]) => void; _write: (...a: unknown[]) => void } } }).connection.stream;
    client.release();
    let writes = 0;
    const original = { writev: stream._writev, write: stream._write };
    stream._write = (...a: unknown[]) => (writes++, original.write.apply(stream, a));
    if (original.writev) stream._writev = (...a: unknown[]) => (writes++, original.writev!.apply(stream, a));
    try {
      const one = await inTransaction(connection.database.db, { tenantId: STORE }, async (tx) => (await tx.execute<{ n: number }>(sql`select 1 as n`)).rows[0]!.n);
      expect(one).toBe(1);
      expect(writes).toBe(2); // begin with the select, then commit
    } finally {
      Object.assign(stream, { _write: original.write, _writev: original.writev });
    }
  });

  it('reports a failed begin, lets nothing behind it run outside a transaction, and closes the connection', async () => {
    await connection.database.pool.query('create table begin_probe (n int)');
    const client = await connection.database.pool.connect();
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    // The begin fails after opening the transaction block, as a broken one would: what is queued behind it must fail too.
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) =>
      query(typeof config === 'string' && config.startsWith('begin;') ? `${config}, 1/0` : config, ...rest);
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    client.release();
    await expect(
      inTransaction(connection.database.db, { tenantId: null }, async (tx) => {
        await tx.execute(sql`insert into begin_probe values (1)`);
      }),
    ).rejects.toThrow(/division by zero/);
    const after = await connection.database.pool.query<{ rows: number; pid: number }>('select (select count(*)::int from begin_probe) as rows, pg_backend_pid() as pid');
    expect(after.rows[0]!.rows).toBe(0);
    expect(after.rows[0]!.pid).not.toBe(pid);
  });

  it('refuses a store id that is not a UUID before it reaches the database', () => {
    expect(() => beginScoped({ tenantId: "x', true); drop table stores; --" })).toThrow(/must be a UUID/);
    expect(beginScoped({ tenantId: STORE })).toContain(`set_config('app.tenant_id', '${STORE}', true)`);
  });
});
