import { and, asc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { taxRates } from './checkout-settings.tables.ts';

export type TaxRateRow = typeof taxRates.$inferSelect;

export async function findTaxRate(tx: Tx, tenantId: string, id: string): Promise<TaxRateRow | undefined> {
  const [row] = await tx.select().from(taxRates).where(and(eq(taxRates.tenantId, tenantId), eq(taxRates.id, id)));
  return row;
}

export async function insertTaxRate(tx: Tx, row: typeof taxRates.$inferInsert): Promise<TaxRateRow> {
  const [inserted] = await tx.insert(taxRates).values(row).returning();
  return inserted!;
}

export async function updateTaxRate(tx: Tx, tenantId: string, id: string, set: Partial<Pick<TaxRateRow, 'taxClass' | 'ratePpm'>>): Promise<TaxRateRow | undefined> {
  const [row] = await tx
    .update(taxRates)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(taxRates.tenantId, tenantId), eq(taxRates.id, id)))
    .returning();
  return row;
}

export async function deleteTaxRate(tx: Tx, tenantId: string, id: string): Promise<TaxRateRow | undefined> {
  const [row] = await tx.delete(taxRates).where(and(eq(taxRates.tenantId, tenantId), eq(taxRates.id, id))).returning();
  return row;
}

/** Oldest first; fetches limit + 1. */
export async function listTaxRates(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<TaxRateRow[]> {
  return tx
    .select()
    .from(taxRates)
    .where(and(eq(taxRates.tenantId, tenantId), page.cursor ? gt(taxRates.id, page.cursor) : undefined))
    .orderBy(asc(taxRates.id))
    .limit(page.limit + 1);
}
