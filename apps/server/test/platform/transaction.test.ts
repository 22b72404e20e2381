import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { databaseErrorOf, refusalOf } from '../../src/platform/db/database-error.ts';
import { beginScoped, commitWith, inTransaction } from '../../src/platform/db/transaction.ts';
import { recordSessions } from '../socket-writes.ts';
import { useSingleConnectionDatabase } from '../single-connection-database.ts';

const connection = useSingleConnectionDatabase();

const STORE = '0190f0a0-0000-7000-8000-0000000000aa';
const settings = async (tx: Parameters<Parameters<typeof inTransaction>[2]>[0]) =>
  (await tx.execute<{ role: string; tenant: string; platform: string; mode: string; in_tx: boolean }>(sql`
    select current_user as role, current_setting('app.tenant_id', true) as tenant, current_setting('app.platform', true) as platform,
           current_setting('plan_cache_mode') as mode, now() = statement_timestamp() as in_tx`)).rows[0]!;

/** Starts a Drizzle query now: its builders send only once awaited or `then` is called. */
const now = <T>(query: PromiseLike<T>): Promise<T> => Promise.resolve(query.then((answer) => answer));

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
    const recorded = recordSessions(connection.database.pool);
    try {
      const one = await inTransaction(connection.database.db, { tenantId: STORE }, async (tx) => (await tx.execute<{ n: number }>(sql`select 1 as n`)).rows[0]!.n);
      expect(one).toBe(1);
      expect(recorded.sessions.map((s) => s.writes)).toEqual([2]); // begin with the select, then commit
    } finally {
      recorded.stop();
    }
  });

  it('commitWith sends the last statements and the commit in one write, and answers once committed', async () => {
    await connection.database.pool.query('create table if not exists commit_probe (n int)');
    const recorded = recordSessions(connection.database.pool);
    try {
      const answers = await inTransaction(connection.database.db, { tenantId: null }, async (tx) => {
        await tx.execute(sql`select 1`);
        return commitWith(tx, () => Promise.all([now(tx.execute(sql`insert into commit_probe values (1)`)), now(tx.execute(sql`insert into commit_probe values (2) returning n`))]));
      });
      expect(answers[1].rows).toEqual([{ n: 2 }]);
      expect(recorded.sessions.map((s) => s.writes)).toEqual([2]); // begin with the select; both inserts with the commit
      expect(recorded.sessions[0]!.text).toMatch(/insert into commit_probe values \(1\).*insert into commit_probe values \(2\).*commit/s);
    } finally {
      recorded.stop();
    }
    expect((await connection.database.pool.query('select n from commit_probe order by n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('commitWith writes nothing when one of the statements fails: the commit behind it rolls back', async () => {
    await connection.database.pool.query('create table if not exists refused_probe (n int)');
    let statements: Array<Promise<unknown>> = [];
    const placed = inTransaction(connection.database.db, { tenantId: null }, (tx) =>
      commitWith(tx, () => {
        statements = [now(tx.execute(sql`insert into refused_probe values (1)`)), now(tx.execute(sql`select app_refuse('probe refused', 'the detail')`)), now(tx.execute(sql`insert into refused_probe values (3)`))];
        return Promise.all(statements);
      }),
    );
    await expect(placed).rejects.toThrow();
    const [before, refusing, behind] = await Promise.all(statements.map((p) => p.then(() => 'ran', (err: unknown) => err)));
    expect(before).toBe('ran');
    expect(refusalOf(refusing)).toEqual({ reason: 'probe refused', detail: 'the detail' });
    expect(databaseErrorOf(behind)?.code).toBe('25P02'); // in an aborted transaction
    expect((await connection.database.pool.query('select count(*)::int as n from refused_probe')).rows[0]).toEqual({ n: 0 });
    // The connection is clean for its next user.
    expect(await inTransaction(connection.database.db, { tenantId: null }, async (tx) => (await tx.execute<{ n: number }>(sql`select 7 as n`)).rows[0]!.n)).toBe(7);
  });

  it('refuses a statement sent after commitWith sent the commit: it would run outside the transaction', async () => {
    await connection.database.pool.query('create table if not exists late_probe (n int)');
    await expect(
      inTransaction(connection.database.db, { tenantId: null }, async (tx) => {
        await commitWith(tx, () => now(tx.execute(sql`insert into late_probe values (1)`)));
        await tx.execute(sql`insert into late_probe values (2)`);
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/after its transaction's commit/) } });
    expect((await connection.database.pool.query('select n from late_probe')).rows).toEqual([{ n: 1 }]);
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
