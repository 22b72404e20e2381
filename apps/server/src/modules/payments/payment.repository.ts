import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { LIVE_PAYMENT_STATUSES, REPLACEABLE_PAYMENT_STATUSES } from './payment-status.ts';
import { paymentWebhookReceipts, payments, type PaymentProviderName, type PaymentRecordStatus } from './payments.tables.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = Omit<typeof payments.$inferInsert, 'createdAt' | 'updatedAt'>;

export async function insertPayment(tx: Tx, row: NewPayment): Promise<PaymentRow> {
  const [inserted] = await tx.insert(payments).values(row).returning();
  return inserted!;
}

export function paymentsOfOrder(tx: Tx, tenantId: string, orderId: string): Promise<PaymentRow[]> {
  return tx.select().from(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.orderId, orderId))).orderBy(payments.id);
}

/** One page of an order's payments, oldest first (limit + 1 rows: the extra one says there is more). */
export function pageOfOrderPayments(tx: Tx, tenantId: string, orderId: string, page: { limit: number; cursor?: string | undefined }): Promise<PaymentRow[]> {
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.orderId, orderId), page.cursor ? gt(payments.id, page.cursor) : undefined))
    .orderBy(payments.id)
    .limit(page.limit + 1);
}

/** The order's total and status, locked, so concurrent payment changes derive its state one at a time. */
export function lockOrderTotal(tx: Tx, tenantId: string, orderId: string) {
  return findOrderTotal(tx, tenantId, orderId, true);
}

export async function findOrderTotal(tx: Tx, tenantId: string, orderId: string, lock = false): Promise<{ grandTotal: number; currency: string; status: string } | undefined> {
  const result = await tx.execute<{ grand_total_amount: string; currency: string; status: string }>(
    sql`select grand_total_amount, currency, status from orders where tenant_id = ${tenantId} and id = ${orderId} ${lock ? sql`for update` : sql``}`,
  );
  const row = result.rows[0];
  return row ? { grandTotal: Number(row.grand_total_amount), currency: row.currency, status: row.status } : undefined;
}

export async function findPayment(tx: Tx, tenantId: string, id: string, lock = false): Promise<PaymentRow | undefined> {
  const query = tx.select().from(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** The payment the provider knows by `reference`, locked: notifications about it are applied one at a time. */
export async function lockPaymentByReference(tx: Tx, tenantId: string, provider: PaymentProviderName, reference: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.provider, provider), eq(payments.providerReference, reference)))
    .for('update');
  return row;
}

/** Cancels the cart's payments that took no money yet (a newer one replaces them); returns them. */
export function cancelReplaceablePayments(tx: Tx, tenantId: string, cartId: string): Promise<PaymentRow[]> {
  return tx
    .update(payments)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(payments.tenantId, tenantId), eq(payments.cartId, cartId), isNull(payments.orderId), inArray(payments.status, [...REPLACEABLE_PAYMENT_STATUSES])))
    .returning();
}

/** The cart's newest payment that can still bring money and that the provider knows, locked. */
export async function lockLiveCartPayment(tx: Tx, tenantId: string, cartId: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.cartId, cartId),
        isNull(payments.orderId),
        inArray(payments.status, [...LIVE_PAYMENT_STATUSES]),
        sql`${payments.providerReference} is not null`,
      ),
    )
    .orderBy(desc(payments.id))
    .limit(1)
    .for('update');
  return row;
}

export async function attachToOrder(tx: Tx, tenantId: string, id: string, orderId: string): Promise<void> {
  await tx.update(payments).set({ orderId, updatedAt: sql`now()` }).where(and(eq(payments.tenantId, tenantId), eq(payments.id, id), isNull(payments.orderId)));
}

/** Stores the provider's id for our payment, once; returns the payment as it is now. */
export async function storeProviderReference(tx: Tx, tenantId: string, id: string, reference: string): Promise<PaymentRow | undefined> {
  await tx
    .update(payments)
    .set({ providerReference: reference, updatedAt: sql`now()` })
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id), isNull(payments.providerReference)));
  return findPayment(tx, tenantId, id, true);
}

export interface PaymentChange {
  status: PaymentRecordStatus;
  capturedAmount?: number;
  providerReference?: string;
  failureCode?: string | null;
  failureMessage?: string | null;
}

/** Moves the payment only while it is still `from` (a concurrent change wins, this one does nothing). */
export async function movePayment(tx: Tx, tenantId: string, id: string, from: PaymentRecordStatus, change: PaymentChange): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(payments)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id), eq(payments.status, from)))
    .returning();
  return row;
}

/**
 * Counts `amount` against what may still be refunded, in one conditional statement: it fails
 * (undefined) when the refunds asked for so far plus this one would exceed the capture.
 */
export async function reserveRefund(tx: Tx, tenantId: string, id: string, amount: number): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(payments)
    .set({ refundedAmount: sql`${payments.refundedAmount} + ${amount}`, updatedAt: sql`now()` })
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id), eq(payments.status, 'succeeded'), lte(sql`${payments.refundedAmount} + ${amount}`, payments.capturedAmount)))
    .returning();
  return row;
}

/** Gives back what a failed refund had reserved. */
export async function releaseRefund(tx: Tx, tenantId: string, id: string, amount: number): Promise<void> {
  await tx
    .update(payments)
    .set({ refundedAmount: sql`${payments.refundedAmount} - ${amount}`, updatedAt: sql`now()` })
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id)));
}

/** Claims a provider event for processing; false when it was processed before (a duplicate or a retry). */
export async function claimWebhookEvent(tx: Tx, row: typeof paymentWebhookReceipts.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(paymentWebhookReceipts).values(row).onConflictDoNothing().returning({ eventId: paymentWebhookReceipts.eventId });
  return inserted.length > 0;
}
