import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { idempotencyKeys } from './idempotency.tables.ts';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/** One key of one client in one store. */
export interface KeyRef {
  tenantId: string;
  client: string;
  key: string;
}

export interface NewClaim extends KeyRef {
  method: string;
  route: string;
  requestHash: string;
  claimId: string;
  leaseSeconds: number;
  retentionSeconds: number;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const t = idempotencyKeys;
const ref = (k: KeyRef) => and(eq(t.tenantId, k.tenantId), eq(t.client, k.client), eq(t.key, k.key));

/**
 * Claims a key in one statement: a new key is inserted in flight; an existing
 * one is taken over only when it has expired, or when it is the same request
 * whose holder's lease ran out (a crashed process). True when this claim holds it.
 */
export async function claimKey(tx: Tx, c: NewClaim): Promise<boolean> {
  const lockedUntil = sql`now() + make_interval(secs => ${c.leaseSeconds})`;
  const expiresAt = sql`now() + make_interval(secs => ${c.retentionSeconds})`;
  const rows = await tx
    .insert(t)
    .values({ tenantId: c.tenantId, client: c.client, key: c.key, method: c.method, route: c.route, requestHash: c.requestHash, state: 'in_flight', claimId: c.claimId, lockedUntil, expiresAt })
    .onConflictDoUpdate({
      target: [t.tenantId, t.client, t.key],
      set: {
        method: sql`excluded.method`,
        route: sql`excluded.route`,
        requestHash: sql`excluded.request_hash`,
        state: 'in_flight',
        claimId: sql`excluded.claim_id`,
        lockedUntil: sql`excluded.locked_until`,
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        createdAt: sql`now()`,
        expiresAt: sql`excluded.expires_at`,
      },
      setWhere: sql`${t.expiresAt} <= now()
        or (${t.state} = 'in_flight' and ${t.lockedUntil} <= now()
            and ${t.method} = excluded.method and ${t.route} = excluded.route and ${t.requestHash} = excluded.request_hash)`,
    })
    .returning({ claimId: t.claimId });
  return rows[0]?.claimId === c.claimId;
}

export async function findKey(tx: Tx, k: KeyRef): Promise<IdempotencyKeyRow | undefined> {
  const [row] = await tx.select().from(t).where(ref(k));
  return row;
}

/** Stores the answer of a claimed key; false when the claim was lost (its lease ran out and another request took the key). */
export async function completeKey(tx: Tx, k: KeyRef, claimId: string, response: StoredResponse, retentionSeconds: number): Promise<boolean> {
  const rows = await tx
    .update(t)
    .set({
      state: 'completed',
      lockedUntil: null,
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
      expiresAt: sql`now() + make_interval(secs => ${retentionSeconds})`,
    })
    .where(and(ref(k), eq(t.claimId, claimId), eq(t.state, 'in_flight')))
    .returning({ key: t.key });
  return rows.length > 0;
}

/** Gives a claimed key up, so that a retry runs the request again. */
export async function releaseKey(tx: Tx, k: KeyRef, claimId: string): Promise<boolean> {
  const rows = await tx
    .delete(t)
    .where(and(ref(k), eq(t.claimId, claimId), eq(t.state, 'in_flight')))
    .returning({ key: t.key });
  return rows.length > 0;
}

/**
 * The statement that deletes up to `limit` expired keys of every store; rows another transaction
 * holds wait for the next run. The locking read is a materialized CTE, so it runs once
 * (docs/architecture.md#locking-subqueries).
 */
export const expiredKeysDeletion = (limit: number): SQL => sql`
    with due as materialized (
      select tenant_id, client, key from idempotency_keys
      where expires_at <= now()
      order by expires_at limit ${limit}
      for update skip locked
    )
    delete from idempotency_keys k
    using due
    where k.tenant_id = due.tenant_id and k.client = due.client and k.key = due.key`;

/** Runs expiredKeysDeletion; returns how many keys it deleted. Platform scope only. */
export async function deleteExpiredKeys(tx: Tx, limit: number): Promise<number> {
  const result = await tx.execute(expiredKeysDeletion(limit));
  return result.rowCount ?? 0;
}
