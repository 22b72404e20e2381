import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Money } from '../pricing/index.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import type { ProviderRefund } from './payment-provider.ts';
import { refundView, type RefundView } from './payment-view.ts';
import * as repo from './payment.repository.ts';
import { providerFailure } from './provider-errors.ts';
import { findProviderAccess, type ProviderAccess } from './provider-credentials.ts';
import { settlePendingRefund } from './refund-settlement.ts';
import { findRefund, insertRefund, setRefundReference } from './refund.repository.ts';
import { orderNotFound, paymentNotFound, providerNotConfigured, storeOf, type PaymentsDeps } from './payments.deps.ts';
import { ONLINE_PROVIDERS, type OnlineProviderName } from './payments.tables.ts';

export interface RefundInput {
  paymentId: string;
  amount: Money;
  reason?: string | undefined;
}

const isOnline = (provider: string): provider is OnlineProviderName => (ONLINE_PROVIDERS as readonly string[]).includes(provider);

/**
 * Staff give money back from one of an order's payments (docs/payments.md#refunds). Three steps: the
 * amount is reserved against the capture by one conditional update with a pending refund row; the
 * provider is called outside any transaction (our refund id is its idempotency key); the outcome
 * settles the refund, and a failure gives the amount back. Manual and cash payments are refunded by
 * hand and settle at once.
 */
export function createRefundService(deps: PaymentsDeps) {
  const { db } = deps;

  /** Step 1: checks, the reservation and the pending row; settled at once when no provider is involved. */
  function reserve(ctx: Ctx, tenantId: string, orderId: string, input: RefundInput, origin: AuditOrigin) {
    const { amount, currency } = input.amount;
    return inTransaction(db, { tenantId }, async (tx) => {
      if (!(await repo.findOrderTotal(tx, tenantId, orderId))) throw orderNotFound();
      const payment = await repo.findPayment(tx, tenantId, input.paymentId);
      if (!payment || payment.orderId !== orderId) throw paymentNotFound('body.paymentId');
      if (payment.currency !== currency) throw new DomainError('PAYMENT_CURRENCY_MISMATCH', `The payment is in ${payment.currency}, not ${currency}.`, [{ path: 'body.amount.currency', message: `must be ${payment.currency}` }]);
      if (payment.status !== 'succeeded') {
        throw new DomainError('PAYMENT_NOT_REFUNDABLE', `The payment is ${payment.status}; only money that was taken can be refunded.`, [{ path: 'body.paymentId', message: `is ${payment.status}, not succeeded` }]);
      }
      let access: ProviderAccess | undefined;
      if (isOnline(payment.provider)) {
        access = await findProviderAccess(tx, deps, tenantId, payment.provider, false);
        if (!access || !payment.providerReference) throw providerNotConfigured(payment.provider);
      }
      const reserved = await repo.reserveRefund(tx, tenantId, payment.id, amount);
      if (!reserved) {
        const now = (await repo.findPayment(tx, tenantId, payment.id))!;
        const left = now.capturedAmount - now.refundedAmount;
        throw new DomainError('REFUND_EXCEEDS_CAPTURED', `Only ${left} ${currency} of this payment can still be refunded (refunds already asked for count).`, [{ path: 'body.amount.amount', message: `must be at most ${left}` }]);
      }
      const refund = await insertRefund(tx, {
        tenantId, id: uuidv7(), paymentId: payment.id, orderId, amount, currency, status: 'pending', providerReference: null, reason: input.reason ?? null, createdBy: actorLabel(ctx.actor),
      });
      await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'refund.requested', targetType: 'refund', targetId: refund.id, changes: { after: refundView(refund) } });
      if (access) return { payment: reserved, refund, access };
      const settled = await settlePendingRefund(tx, ctx, tenantId, reserved, refund.id, 'succeeded');
      return { payment: reserved, refund: settled ?? refund, access: undefined };
    });
  }

  return {
    async refund(ctx: Ctx, orderId: string, input: RefundInput, origin: AuditOrigin = {}): Promise<RefundView> {
      const tenantId = storeOf(ctx);
      const { payment, refund, access } = await reserve(ctx, tenantId, orderId, input, origin);
      if (!access) return refundView(refund);
      let answer: ProviderRefund | undefined;
      let failure: DomainError | undefined;
      try {
        answer = await access.provider.refund(access.credentials, { providerReference: payment.providerReference!, refundId: refund.id, amount: refund.amount, currency: refund.currency });
      } catch (err) {
        failure = providerFailure(ctx, payment.provider, err);
      }
      const settled = await inTransaction(db, { tenantId }, async (tx) => {
        const locked = (await repo.findPayment(tx, tenantId, payment.id, true))!;
        if (!answer) {
          await settlePendingRefund(tx, ctx, tenantId, locked, refund.id, 'failed');
          return undefined;
        }
        await setRefundReference(tx, tenantId, refund.id, answer.providerReference);
        if (answer.status !== 'pending') await settlePendingRefund(tx, ctx, tenantId, locked, refund.id, answer.status);
        return findRefund(tx, tenantId, refund.id);
      });
      if (failure || !settled) throw failure ?? new Error('refund vanished while settling');
      return refundView(settled);
    },
  };
}

export type RefundService = ReturnType<typeof createRefundService>;
