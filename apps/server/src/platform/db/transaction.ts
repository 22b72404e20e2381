import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Db, Tx } from './database.ts';
import { sealClient, unsealClient } from './pool.ts';

/** The database role every application transaction runs as; row-level security always applies to it. */
export const APP_ROLE = 'winkel_app';

/**
 * Whom a unit of work acts for: one store (`tenantId`), or the platform
 * itself (`platform: true`: resolving a store by host or key, creating a
 * store). With neither, tenant-owned tables show no rows.
 */
export interface TenantScope {
  tenantId: string | null;
  platform?: boolean;
  /**
   * Plan the transaction's prepared statements once per connection and reuse the plan. PostgreSQL
   * otherwise keeps re-planning statements whose parameters feed row-level security, and for the
   * storefront's JSON-building reads planning costs more than running them.
   */
  reusePlans?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `begin` and the settings of the transaction's role and store, as one simple-protocol query: one
 * round trip instead of two, for every transaction. Simple protocol takes no parameters, so the
 * values are literals: the role and the flags are constants and the store id must be a UUID.
 */
export function beginScoped(scope: TenantScope): string {
  const tenantId = scope.tenantId ?? '';
  if (tenantId !== '' && !UUID.test(tenantId)) throw new Error(`a transaction's store must be a UUID, not ${JSON.stringify(tenantId)}`);
  return `begin; select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true), set_config('app.platform', '${scope.platform ? 'on' : ''}', true), set_config('plan_cache_mode', '${scope.reusePlans ? 'force_generic_plan' : 'auto'}', true)`;
}

/** What Drizzle's node-postgres session holds, to make a transaction like its own over a client. */
interface SessionParts {
  client: pg.Pool;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

/** What inTransaction knows of a transaction it runs: its connection, and whether commitWith sent the commit. */
interface Running {
  client: pg.PoolClient;
  commit?: Promise<pg.QueryResult>;
}

const running = new WeakMap<Tx, Running>();

/** The socket under a pg client, whose writes can be held back (corked) and then sent as one. */
type Socket = { cork?: () => void; uncork?: () => void };
const socketOf = (client: pg.PoolClient): Socket | undefined => (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;

/**
 * The one way application SQL reaches the database: a transaction that runs
 * as the application role with the store set for row-level security. Both
 * settings are local to the transaction, so a pooled connection never carries
 * them to its next user. The transaction is Drizzle's own (savepoints, rollback
 * and all), begun by beginScoped's one query instead of a bare `begin`.
 *
 * On a pool in pipeline mode (the application's, see createDatabase) that query is not awaited:
 * the socket is corked until the event loop's next turn, so `begin` and the transaction's first
 * statement leave in one write and are answered together. Every transaction saves a round trip.
 * Should `begin` fail, the statements behind it fail too (the connection is in a failed
 * transaction or gone), and the transaction reports the begin's error.
 */
export async function inTransaction<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const begin = beginScoped(scope);
  const parts = db._.session as unknown as SessionParts;
  const client = await parts.client.connect();
  let broken: Error | undefined;
  try {
    const tx = new NodePgTransaction(parts.dialect, new NodePgSession(client, parts.dialect, parts.schema, parts.options), parts.schema) as unknown as Tx;
    const state: Running = { client };
    running.set(tx, state);
    const stream = socketOf(client);
    const pipelined = (client as unknown as { pipeline?: boolean }).pipeline === true && typeof stream?.cork === 'function';
    if (pipelined) {
      stream!.cork!();
      setImmediate(() => stream!.uncork!());
    }
    const began = client.query(begin).then(
      () => undefined,
      (beginFailed: Error) => {
        broken = beginFailed;
        return beginFailed;
      },
    );
    if (!pipelined) {
      const failed = await began;
      if (failed) throw failed;
    }
    try {
      const result = await work(tx);
      const failed = await began;
      if (failed) throw failed;
      if (!state.commit) await client.query('commit');
      return result;
    } catch (err) {
      const failed = await began;
      if (state.commit) {
        // The commit was sent (commitWith): the transaction is over, committed or rolled back; nothing to undo.
        await state.commit.catch((commitFailed: Error) => (broken = commitFailed));
      } else if (!failed) {
        await client.query('rollback').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      }
      throw failed ?? err;
    }
  } finally {
    unsealClient(client);
    // A connection that could not begin or roll back is closed rather than handed to the next user mid-transaction.
    client.release(broken);
  }
}

/**
 * Ends the transaction with `commit` sent right behind the statements `send` sends, in the same
 * write, and waits for them all: the last statements and the commit are answered in one round trip
 * instead of two. Resolves with `send`'s result once committed.
 *
 * `send` must send every statement before its first `await`: a pg call or a statement template
 * sends at once, a Drizzle query builder only once awaited or `then` is called. Once the commit is sent, the connection refuses statements until it is released, since
 * they would run outside the transaction. Should one of the statements fail, PostgreSQL has
 * aborted the transaction, the ones behind it fail too (25P02) and the commit rolls back: this
 * rejects with whichever failure `send`'s promise settles on first, and nothing was written. The
 * statements' own promises tell which one refused. So the statements themselves must refuse what
 * Node would have refused after reading their answers (app_refuse, migration 0025). Only for a
 * transaction's last step; work after it runs outside the transaction, which inTransaction then
 * no longer commits.
 */
export async function commitWith<T>(tx: Tx, send: () => Promise<T>): Promise<T> {
  const state = running.get(tx);
  if (!state) throw new Error('commitWith needs a transaction opened by inTransaction');
  if (state.commit) throw new Error('this transaction has already sent its commit');
  const stream = socketOf(state.client);
  stream?.cork?.();
  let sent: Promise<T>;
  try {
    sent = send();
    state.commit = state.client.query('commit');
    sealClient(state.client);
  } finally {
    stream?.uncork?.();
  }
  const [answered, ended] = await Promise.allSettled([sent, state.commit]);
  if (answered.status === 'rejected') throw answered.reason;
  if (ended.status === 'rejected') throw ended.reason;
  // An aborted transaction answers `commit` with ROLLBACK, not an error: a statement failed unseen.
  if (ended.value.command !== 'COMMIT') throw new Error(`the transaction ended in ${ended.value.command ?? 'nothing'}, not COMMIT`);
  return answered.value;
}

/**
 * Runs `work` as the connection's own role inside the caller's transaction,
 * then returns to the application role. Only for infrastructure the
 * application role is not granted (the job queue's functions).
 */
export async function asInfrastructure<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const before = await tx.execute<{ role: string }>(sql`select current_setting('role') as role`);
  const role = before.rows[0]?.role ?? 'none';
  await tx.execute(sql`select set_config('role', 'none', true)`);
  // On failure the transaction is aborted and rolls back; there is no role left to restore.
  const result = await work();
  await tx.execute(sql`select set_config('role', ${role}, true)`);
  return result;
}
