import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { customersTable as customers } from '../identity/index.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerChanges = Partial<Pick<CustomerRow, 'name' | 'phone' | 'passwordHash' | 'emailVerifiedAt'>>;

/** False when the store already has an account with this email (two registrations racing). */
export async function insertCustomer(tx: Tx, row: typeof customers.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(customers).values(row).onConflictDoNothing().returning({ id: customers.id });
  return rows.length === 1;
}

export async function findCustomerByEmail(tx: Tx, tenantId: string, email: string): Promise<CustomerRow | undefined> {
  const rows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.email, email)));
  return rows[0];
}

export async function findCustomerById(tx: Tx, tenantId: string, id: string): Promise<CustomerRow | undefined> {
  const rows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return rows[0];
}

export async function updateCustomer(tx: Tx, tenantId: string, id: string, changes: CustomerChanges): Promise<CustomerRow | undefined> {
  const rows = await tx.update(customers).set({ ...changes, updatedAt: sql`now()` }).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))).returning();
  return rows[0];
}

/** A store's customers, newest first, optionally those whose email or name contains `search`. Fetches limit + 1. */
export async function listCustomers(tx: Tx, tenantId: string, page: { limit: number; before?: string | undefined; search?: string | undefined }): Promise<CustomerRow[]> {
  const pattern = page.search ? `%${page.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return tx
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), page.before ? lt(customers.id, page.before) : undefined, pattern ? or(ilike(customers.email, pattern), ilike(customers.name, pattern)) : undefined))
    .orderBy(desc(customers.id))
    .limit(page.limit + 1);
}
