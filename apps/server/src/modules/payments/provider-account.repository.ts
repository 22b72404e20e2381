import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { paymentProviderAccounts, type OnlineProviderName } from './payments.tables.ts';

export type ProviderAccountRow = typeof paymentProviderAccounts.$inferSelect;
export type ProviderAccountValues = Omit<typeof paymentProviderAccounts.$inferInsert, 'createdAt' | 'updatedAt'>;

export function listProviderAccounts(tx: Tx, tenantId: string): Promise<ProviderAccountRow[]> {
  return tx.select().from(paymentProviderAccounts).where(eq(paymentProviderAccounts.tenantId, tenantId)).orderBy(asc(paymentProviderAccounts.provider));
}

export async function findProviderAccount(tx: Tx, tenantId: string, provider: OnlineProviderName, lock = false): Promise<ProviderAccountRow | undefined> {
  const query = tx.select().from(paymentProviderAccounts).where(and(eq(paymentProviderAccounts.tenantId, tenantId), eq(paymentProviderAccounts.provider, provider)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function saveProviderAccount(tx: Tx, values: ProviderAccountValues): Promise<ProviderAccountRow> {
  const { tenantId, provider, ...changes } = values;
  const [row] = await tx
    .insert(paymentProviderAccounts)
    .values(values)
    .onConflictDoUpdate({ target: [paymentProviderAccounts.tenantId, paymentProviderAccounts.provider], set: { ...changes, updatedAt: sql`now()` } })
    .returning();
  return row!;
}

export async function deleteProviderAccount(tx: Tx, tenantId: string, provider: OnlineProviderName): Promise<ProviderAccountRow | undefined> {
  const [row] = await tx
    .delete(paymentProviderAccounts)
    .where(and(eq(paymentProviderAccounts.tenantId, tenantId), eq(paymentProviderAccounts.provider, provider)))
    .returning();
  return row;
}
