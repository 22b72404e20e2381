import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { oneTimeTokens } from './identity.tables.ts';

export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;
export type TokenPurpose = OneTimeTokenRow['purpose'];

export async function insertOneTimeToken(tx: Tx, row: typeof oneTimeTokens.$inferInsert): Promise<void> {
  await tx.insert(oneTimeTokens).values(row);
}

/** Platform scope: which store a presented token belongs to. */
export async function findOneTimeTokenTenant(tx: Tx, tokenHash: string): Promise<string | undefined> {
  const rows = await tx.select({ tenantId: oneTimeTokens.tenantId }).from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, tokenHash));
  return rows[0]?.tenantId;
}

export async function lockOneTimeToken(tx: Tx, tenantId: string, tokenHash: string): Promise<OneTimeTokenRow | undefined> {
  const rows = await tx
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.tokenHash, tokenHash)))
    .for('update');
  return rows[0];
}

export async function markOneTimeTokenUsed(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.update(oneTimeTokens).set({ usedAt: sql`now()` }).where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.id, id)));
}

/** Retires a subject's unused tokens of one purpose (a new reset link replaces the old one). */
export async function retireOneTimeTokens(tx: Tx, tenantId: string, subjectId: string, purpose: TokenPurpose): Promise<void> {
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.subjectId, subjectId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}

/** A subject's newest unused token of one purpose, locked (short codes are looked up by whom they were sent to, not by their hash). */
export async function lockLatestOneTimeToken(tx: Tx, tenantId: string, subjectType: OneTimeTokenRow['subjectType'], subjectId: string, purpose: TokenPurpose): Promise<OneTimeTokenRow | undefined> {
  const rows = await tx
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.subjectType, subjectType), eq(oneTimeTokens.subjectId, subjectId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)))
    .orderBy(desc(oneTimeTokens.id))
    .limit(1)
    .for('update');
  return rows[0];
}

/** Counts one wrong guess at a token; returns the count so far. */
export async function countOneTimeTokenAttempt(tx: Tx, tenantId: string, id: string): Promise<number> {
  const rows = await tx
    .update(oneTimeTokens)
    .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
    .where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.id, id)))
    .returning({ attempts: oneTimeTokens.attempts });
  return rows[0]?.attempts ?? 0;
}
