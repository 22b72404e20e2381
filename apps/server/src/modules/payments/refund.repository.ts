import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { refunds } from './payments.tables.ts';

export type RefundRow = typeof refunds.$inferSelect;
export type RefundStatus = RefundRow['status'];

export async function insertRefund(tx: Tx, row: Omit<typeof refunds.$inferInsert, 'createdAt' | 'updatedAt'>): Promise<RefundRow> {
  const [inserted] = await tx.insert(refunds).values(row).returning();
  return inserted!;
}

export async function findRefund(tx: Tx, tenantId: string, id: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(and(eq(refunds.tenantId, tenantId), eq(refunds.id, id)));
  return row;
}

export async function findRefundByReference(tx: Tx, tenantId: string, paymentId: string, reference: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(and(eq(refunds.tenantId, tenantId), eq(refunds.paymentId, paymentId), eq(refunds.providerReference, reference)));
  return row;
}

/**
 * A notification may arrive before the provider's answer to our own refund call: the oldest pending
 * refund of that amount still waiting for its reference is ours, and takes the reference now.
 */
export async function claimUnreferencedRefund(tx: Tx, tenantId: string, paymentId: string, amount: number, reference: string): Promise<RefundRow | undefined> {
  const result = await tx.execute<{ id: string }>(sql`
    update refunds set provider_reference = ${reference}, updated_at = now()
    where tenant_id = ${tenantId} and id = (
      select id from refunds
      where tenant_id = ${tenantId} and payment_id = ${paymentId} and status = 'pending' and provider_reference is null and amount = ${amount}
      order by id limit 1 for update)
    returning id`);
  const id = result.rows[0]?.id;
  return id ? findRefund(tx, tenantId, id) : undefined;
}

export async function setRefundReference(tx: Tx, tenantId: string, id: string, reference: string): Promise<void> {
  await tx.update(refunds).set({ providerReference: reference, updatedAt: sql`now()` }).where(and(eq(refunds.tenantId, tenantId), eq(refunds.id, id), isNull(refunds.providerReference)));
}

/** Settles a pending refund; undefined when it was settled already (by the other of our call and the notification). */
export async function settleRefund(tx: Tx, tenantId: string, id: string, status: Exclude<RefundStatus, 'pending'>): Promise<RefundRow | undefined> {
  const [row] = await tx
    .update(refunds)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.id, id), eq(refunds.status, 'pending')))
    .returning();
  return row;
}

export async function refundsOfPayments(tx: Tx, tenantId: string, paymentIds: string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return tx.select().from(refunds).where(and(eq(refunds.tenantId, tenantId), inArray(refunds.paymentId, paymentIds))).orderBy(asc(refunds.id));
}
