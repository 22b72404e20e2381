import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { payments } from './payments.tables.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = Omit<typeof payments.$inferInsert, 'createdAt' | 'updatedAt'>;

export async function insertPayment(tx: Tx, row: NewPayment): Promise<PaymentRow> {
  const [inserted] = await tx.insert(payments).values(row).returning();
  return inserted!;
}

export function paymentsOfOrder(tx: Tx, tenantId: string, orderId: string): Promise<PaymentRow[]> {
  return tx.select().from(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.orderId, orderId))).orderBy(payments.id);
}

/** The order's total, locked, so concurrent payment changes derive its state one at a time. */
export async function lockOrderTotal(tx: Tx, tenantId: string, orderId: string): Promise<{ grandTotal: number; currency: string } | undefined> {
  const result = await tx.execute<{ grand_total_amount: string; currency: string }>(
    sql`select grand_total_amount, currency from orders where tenant_id = ${tenantId} and id = ${orderId} for update`,
  );
  const row = result.rows[0];
  return row ? { grandTotal: Number(row.grand_total_amount), currency: row.currency } : undefined;
}
