import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { announcePayment, settleOrderPayment } from './payment-recording.ts';
import { WebhookRejected, type IncomingWebhook, type ProviderPaymentState, type VerifiedNotification } from './payment-provider.ts';
import { canMovePayment } from './payment-status.ts';
import * as repo from './payment.repository.ts';
import { providerFailure } from './provider-errors.ts';
import { findProviderAccess } from './provider-credentials.ts';
import { settlePendingRefund } from './refund-settlement.ts';
import { claimUnreferencedRefund, findRefundByReference, insertRefund } from './refund.repository.ts';
import { storeOf, type PaymentsDeps } from './payments.deps.ts';
import type { OnlineProviderName } from './payments.tables.ts';

/** processed: something changed (or was checked and needed no change); duplicate: seen before; ignored: nothing for us. */
export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

type RefundNotice = NonNullable<VerifiedNotification['refund']>;

const doesNotMatch = (what: string) => new WebhookRejected(400, what);

/**
 * Provider notifications (docs/payments.md#webhooks): checked against the store's account, then
 * applied exactly once. The event id is claimed in payment_webhook_receipts in the same
 * transaction as the change, so a retried or duplicated notification (even a concurrent one)
 * changes nothing. A notification about a payment this store does not have, or whose details do
 * not match ours, is refused (400) and changes nothing.
 */
export function createWebhookService(deps: PaymentsDeps) {
  const { db } = deps;

  /** The payment's reported state, moved to as far as the status table allows; returns the payment row as it is now. */
  async function applyPayment(tx: Tx, ctx: Ctx, tenantId: string, payment: repo.PaymentRow, state: ProviderPaymentState, confirmed: Set<string>): Promise<repo.PaymentRow> {
    // Out of order or repeated (a failure reported after the success): the table says no, nothing changes.
    if (!canMovePayment(payment.status, state.status)) return payment;
    const captured = state.status === 'succeeded' ? Math.min(state.capturedAmount > 0 ? state.capturedAmount : payment.amount, payment.amount) : payment.capturedAmount;
    const moved = await repo.movePayment(tx, tenantId, payment.id, payment.status, {
      status: state.status,
      capturedAmount: captured,
      failureCode: state.status === 'failed' ? state.failureCode : null,
      failureMessage: state.status === 'failed' ? state.failureMessage : null,
    });
    if (!moved) return payment;
    await announcePayment(tx, ctx, tenantId, moved);
    if (moved.orderId && (await settleOrderPayment(tx, ctx, tenantId, moved.orderId))) confirmed.add(moved.orderId);
    return moved;
  }

  async function applyRefund(tx: Tx, ctx: Ctx, tenantId: string, name: OnlineProviderName, eventId: string, payment: repo.PaymentRow, notice: RefundNotice): Promise<WebhookOutcome> {
    const ours = (await findRefundByReference(tx, tenantId, payment.id, notice.providerReference)) ?? (await claimUnreferencedRefund(tx, tenantId, payment.id, notice.amount, notice.providerReference));
    if (ours) {
      if (ours.status === 'pending' && notice.status !== 'pending') await settlePendingRefund(tx, ctx, tenantId, payment, ours.id, notice.status);
      return 'processed';
    }
    // A refund made at the provider (its dashboard, or a call of ours whose answer was lost): recorded while it fits the capture.
    if (notice.status === 'failed' || !payment.orderId) return 'ignored';
    const reserved = await repo.reserveRefund(tx, tenantId, payment.id, notice.amount);
    if (!reserved) {
      ctx.log.warn({ provider: name, paymentId: payment.id, eventId }, 'a refund reported by the provider exceeds what is left of the capture; not recorded');
      return 'ignored';
    }
    const refund = await insertRefund(tx, {
      tenantId, id: uuidv7(), paymentId: payment.id, orderId: payment.orderId, amount: notice.amount, currency: payment.currency, status: 'pending',
      providerReference: notice.providerReference, reason: `made at ${name}`, createdBy: `provider:${name}`,
    });
    if (notice.status === 'succeeded') await settlePendingRefund(tx, ctx, tenantId, reserved, refund.id, 'succeeded');
    return 'processed';
  }

  /**
   * One notification in one transaction: the payment matched and locked, the event claimed, then the
   * payment's state and the refund applied. A notification may carry both (Mollie reports a payment
   * together with its refund); the payment goes first, so a refund finds the capture it comes from.
   */
  async function apply(tx: Tx, ctx: Ctx, tenantId: string, name: OnlineProviderName, notification: VerifiedNotification, confirmed: Set<string>): Promise<WebhookOutcome> {
    const { eventId, eventType, payment: state, refund: notice } = notification;
    if (state && notice && notice.paymentReference !== state.providerReference) throw doesNotMatch('the refund belongs to another payment than the one reported');
    const payment = await repo.lockPaymentByReference(tx, tenantId, name, state?.providerReference ?? notice!.paymentReference);
    if (!payment) throw doesNotMatch('this store has no payment with this reference');
    if (state && (state.paymentId !== payment.id || state.amount !== payment.amount || state.currency.toUpperCase() !== payment.currency)) {
      throw doesNotMatch('the payment id, amount or currency differs from the payment with this reference');
    }
    if (!(await repo.claimWebhookEvent(tx, { tenantId, provider: name, eventId, eventType, paymentId: payment.id }))) return 'duplicate';
    const current = state ? await applyPayment(tx, ctx, tenantId, payment, state, confirmed) : payment;
    if (!notice) return 'processed';
    const outcome = await applyRefund(tx, ctx, tenantId, name, eventId, current, notice);
    return state ? 'processed' : outcome;
  }

  return {
    async receive(ctx: Ctx, name: OnlineProviderName, webhook: IncomingWebhook): Promise<WebhookOutcome> {
      const tenantId = storeOf(ctx);
      const access = await inTransaction(db, { tenantId }, (tx) => findProviderAccess(tx, deps, tenantId, name, false));
      if (!access) throw new DomainError('WEBHOOK_ENDPOINT_NOT_FOUND', `This store takes no payments through ${name}.`);
      let notification: VerifiedNotification;
      try {
        notification = await access.provider.verifyNotification(access.credentials, webhook, new Date());
      } catch (err) {
        if (err instanceof WebhookRejected) throw err;
        throw providerFailure(ctx, name, err);
      }
      if (!notification.payment && !notification.refund) return 'ignored';
      const confirmed = new Set<string>();
      const outcome = await inTransaction(db, { tenantId }, (tx) => apply(tx, ctx, tenantId, name, notification, confirmed));
      if (confirmed.size > 0) deps.orderMetrics?.enteredStatus('confirmed');
      return outcome;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
