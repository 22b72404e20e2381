import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { loginAttempts } from './identity.tables.ts';

export type LoginRealm = (typeof loginAttempts.$inferSelect)['realm'];

/** Serialises the sign-in attempts on one account (until the transaction ends), so parallel guesses count against each other. */
export async function lockAccountAttempts(tx: Tx, tenantId: string, realm: LoginRealm, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login:${tenantId}:${realm}:${email}`}, 0))`);
}

/** Failures on an account within the window and after its last success, and when the latest happened. */
export async function recentAccountFailures(tx: Tx, tenantId: string, realm: LoginRealm, email: string, windowSeconds: number) {
  const result = await tx.execute<{ failures: number; latest: string | null }>(sql`
    select count(*)::int as failures, max(created_at) as latest
    from ${loginAttempts}
    where tenant_id = ${tenantId} and realm = ${realm} and email = ${email} and not succeeded
      and created_at > now() - make_interval(secs => ${windowSeconds})
      and created_at > coalesce((
        select max(created_at) from ${loginAttempts}
        where tenant_id = ${tenantId} and realm = ${realm} and email = ${email} and succeeded
      ), '-infinity'::timestamptz)`);
  const row = result.rows[0];
  return { failures: row?.failures ?? 0, latest: row?.latest ? new Date(row.latest) : null };
}

export async function recentIpFailures(tx: Tx, tenantId: string, ip: string, windowSeconds: number): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from ${loginAttempts}
    where tenant_id = ${tenantId} and ip = ${ip}::inet and not succeeded
      and created_at > now() - make_interval(secs => ${windowSeconds})`);
  return result.rows[0]?.n ?? 0;
}

/** Records an attempt as failed; a successful one is turned into a success afterwards (markAttemptSucceeded). */
export async function insertAttempt(tx: Tx, row: { id: string; tenantId: string; realm: LoginRealm; email: string; ip: string }): Promise<void> {
  await tx.insert(loginAttempts).values({ ...row, succeeded: false });
}

/**
 * Turns an attempt into a success, dated when it completed: the failures that
 * count are those after the last success, so the attempts still in flight
 * when a right password is confirmed (the person's own, in other tabs) stop counting.
 */
export async function markAttemptSucceeded(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.update(loginAttempts).set({ succeeded: true, createdAt: sql`clock_timestamp()` }).where(and(eq(loginAttempts.tenantId, tenantId), eq(loginAttempts.id, id)));
}

/** Forgets an attempt that turned out to be neither success nor failure (a right password awaiting its 2FA code). */
export async function deleteAttempt(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(loginAttempts).where(and(eq(loginAttempts.tenantId, tenantId), eq(loginAttempts.id, id)));
}
