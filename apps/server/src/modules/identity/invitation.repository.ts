import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { staffInvitations } from './identity.tables.ts';

export type InvitationRow = typeof staffInvitations.$inferSelect;

const open = (tenantId: string) => and(eq(staffInvitations.tenantId, tenantId), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt));

export async function insertInvitation(tx: Tx, row: typeof staffInvitations.$inferInsert): Promise<InvitationRow> {
  const [inserted] = await tx.insert(staffInvitations).values(row).returning();
  return inserted!;
}

export async function findOpenInvitation(tx: Tx, tenantId: string, id: string): Promise<InvitationRow | undefined> {
  const rows = await tx.select().from(staffInvitations).where(and(open(tenantId), eq(staffInvitations.id, id))).for('update');
  return rows[0];
}

export async function listOpenInvitations(tx: Tx, tenantId: string, page: { limit: number; after?: string }): Promise<InvitationRow[]> {
  return tx
    .select()
    .from(staffInvitations)
    .where(and(open(tenantId), page.after ? gt(staffInvitations.id, page.after) : undefined))
    .orderBy(asc(staffInvitations.id))
    .limit(page.limit);
}

/** Withdraws the open invitations of an email (a new invitation replaces them). */
export async function revokeOpenInvitationsFor(tx: Tx, tenantId: string, email: string): Promise<void> {
  await tx.update(staffInvitations).set({ revokedAt: sql`now()` }).where(and(open(tenantId), eq(staffInvitations.email, email)));
}

export async function closeInvitation(tx: Tx, tenantId: string, id: string, how: 'accepted' | 'revoked'): Promise<void> {
  const set = how === 'accepted' ? { acceptedAt: sql`now()` } : { revokedAt: sql`now()` };
  await tx.update(staffInvitations).set(set).where(and(eq(staffInvitations.tenantId, tenantId), eq(staffInvitations.id, id)));
}
