import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { announceRefund, refreshOrderPaymentStatus } from './payment-recording.ts';
import * as repo from './payment.repository.ts';
import { settleRefund, type RefundRow } from './refund.repository.ts';

/**
 * Settles a pending refund exactly once, whoever learns the outcome first (our own call's answer or
 * the provider's notification): a failed one gives its amount back to what may be refunded, a
 * succeeded one is announced; the order's payment state is derived again. The caller holds the
 * payment's lock. Undefined when the refund was settled already.
 */
export async function settlePendingRefund(tx: Tx, ctx: Ctx, tenantId: string, payment: repo.PaymentRow, refundId: string, outcome: 'succeeded' | 'failed'): Promise<RefundRow | undefined> {
  const settled = await settleRefund(tx, tenantId, refundId, outcome);
  if (!settled) return undefined;
  if (outcome === 'failed') await repo.releaseRefund(tx, tenantId, settled.paymentId, settled.amount);
  else await announceRefund(tx, ctx, tenantId, payment, settled);
  await refreshOrderPaymentStatus(tx, tenantId, settled.orderId);
  return settled;
}
