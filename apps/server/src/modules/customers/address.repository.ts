import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { customerAddressesTable as addresses } from '../identity/index.ts';

export type AddressRow = typeof addresses.$inferSelect;
export type AddressFields = Omit<typeof addresses.$inferInsert, 'id' | 'tenantId' | 'customerId' | 'createdAt'>;

/** Every method is scoped by store and customer: another customer's address is simply not there. */
const mine = (tenantId: string, customerId: string, id: string) => and(eq(addresses.tenantId, tenantId), eq(addresses.customerId, customerId), eq(addresses.id, id));

export async function insertAddress(tx: Tx, row: typeof addresses.$inferInsert): Promise<AddressRow> {
  const rows = await tx.insert(addresses).values(row).returning();
  return rows[0]!;
}

export async function findAddress(tx: Tx, tenantId: string, customerId: string, id: string): Promise<AddressRow | undefined> {
  const rows = await tx.select().from(addresses).where(mine(tenantId, customerId, id));
  return rows[0];
}

export async function updateAddress(tx: Tx, tenantId: string, customerId: string, id: string, changes: Partial<AddressFields>): Promise<AddressRow | undefined> {
  const rows = await tx.update(addresses).set(changes).where(mine(tenantId, customerId, id)).returning();
  return rows[0];
}

export async function deleteAddress(tx: Tx, tenantId: string, customerId: string, id: string): Promise<boolean> {
  const rows = await tx.delete(addresses).where(mine(tenantId, customerId, id)).returning({ id: addresses.id });
  return rows.length === 1;
}

/** Makes one address the default by clearing the flag on the customer's others. */
export async function clearDefaultAddress(tx: Tx, tenantId: string, customerId: string): Promise<void> {
  await tx.update(addresses).set({ isDefault: false }).where(and(eq(addresses.tenantId, tenantId), eq(addresses.customerId, customerId), eq(addresses.isDefault, true)));
}

/** A customer's addresses, newest first; fetches limit + 1. */
export async function listAddresses(tx: Tx, tenantId: string, customerId: string, page: { limit: number; before?: string | undefined }): Promise<AddressRow[]> {
  return tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, tenantId), eq(addresses.customerId, customerId), page.before ? lt(addresses.id, page.before) : undefined))
    .orderBy(desc(addresses.id))
    .limit(page.limit + 1);
}
