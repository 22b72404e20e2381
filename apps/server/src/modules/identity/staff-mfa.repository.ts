import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { staffRecoveryCodes, staffUsers } from './identity.tables.ts';

const staffWhere = (tenantId: string, staffId: string) => and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.id, staffId));

/** Stores a new (not yet confirmed) sealed TOTP secret. */
export async function setPendingTotpSecret(tx: Tx, tenantId: string, staffId: string, sealed: string): Promise<void> {
  await tx.update(staffUsers).set({ totpSecret: sealed, totpEnabledAt: null, totpLastStep: null, updatedAt: sql`now()` }).where(staffWhere(tenantId, staffId));
}

export async function enableTotp(tx: Tx, tenantId: string, staffId: string): Promise<void> {
  await tx.update(staffUsers).set({ totpEnabledAt: sql`now()`, updatedAt: sql`now()` }).where(staffWhere(tenantId, staffId));
}

export async function disableTotp(tx: Tx, tenantId: string, staffId: string): Promise<void> {
  await tx.update(staffUsers).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: sql`now()` }).where(staffWhere(tenantId, staffId));
  await tx.delete(staffRecoveryCodes).where(and(eq(staffRecoveryCodes.tenantId, tenantId), eq(staffRecoveryCodes.staffId, staffId)));
}

/**
 * Records `step` as the last accepted TOTP step, only if it is later than the
 * one stored: false means another request used this code (or a later one) first.
 */
export async function advanceTotpStep(tx: Tx, tenantId: string, staffId: string, step: number): Promise<boolean> {
  const rows = await tx
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(staffWhere(tenantId, staffId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .returning({ id: staffUsers.id });
  return rows.length === 1;
}

export async function replaceRecoveryCodes(tx: Tx, tenantId: string, staffId: string, codeHashes: string[]): Promise<void> {
  await tx.delete(staffRecoveryCodes).where(and(eq(staffRecoveryCodes.tenantId, tenantId), eq(staffRecoveryCodes.staffId, staffId)));
  await tx.insert(staffRecoveryCodes).values(codeHashes.map((codeHash) => ({ id: uuidv7(), tenantId, staffId, codeHash })));
}

/** Marks an unused recovery code used; false when there is no such unused code. */
export async function consumeRecoveryCode(tx: Tx, tenantId: string, staffId: string, codeHash: string): Promise<boolean> {
  const rows = await tx
    .update(staffRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(staffRecoveryCodes.tenantId, tenantId), eq(staffRecoveryCodes.staffId, staffId), eq(staffRecoveryCodes.codeHash, codeHash), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(tx: Tx, tenantId: string, staffId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.tenantId, tenantId), eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
