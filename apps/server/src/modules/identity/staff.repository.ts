import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { staffUsers } from './identity.tables.ts';

export type StaffRow = typeof staffUsers.$inferSelect;
export type NewStaffRow = typeof staffUsers.$inferInsert;

export async function findStaffByEmail(tx: Tx, tenantId: string, email: string): Promise<StaffRow | undefined> {
  const rows = await tx.select().from(staffUsers).where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.email, email)));
  return rows[0];
}

export async function findStaffById(tx: Tx, tenantId: string, id: string, lock = false): Promise<StaffRow | undefined> {
  const query = tx.select().from(staffUsers).where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.id, id)));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

export async function listStaff(tx: Tx, tenantId: string, page: { limit: number; after?: string }): Promise<StaffRow[]> {
  return tx
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), page.after ? gt(staffUsers.id, page.after) : undefined))
    .orderBy(asc(staffUsers.id))
    .limit(page.limit);
}

export async function insertStaff(tx: Tx, row: NewStaffRow): Promise<StaffRow> {
  const [inserted] = await tx.insert(staffUsers).values(row).returning();
  return inserted!;
}

export async function updateStaff(
  tx: Tx,
  tenantId: string,
  id: string,
  changes: Partial<Pick<StaffRow, 'name' | 'role' | 'status' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt'>>,
): Promise<StaffRow | undefined> {
  const [row] = await tx
    .update(staffUsers)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.id, id)))
    .returning();
  return row;
}

/** Locks and returns the store's active owners, so two concurrent demotions cannot both pass the last-owner rule. */
export async function lockActiveOwners(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.role, 'owner'), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** Email addresses of the store's active staff in these roles (alert recipients). */
export async function listActiveStaffEmails(tx: Tx, tenantId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), inArray(staffUsers.role, [...roles]), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.id));
  return rows.map((r) => r.email);
}
