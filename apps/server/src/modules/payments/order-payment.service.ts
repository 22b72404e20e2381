import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database-error.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import type { Money } from '../pricing/index.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { announcePayment, settleOrderPayment } from './payment-recording.ts';
import { paymentView, type PaymentView } from './payment-view.ts';
import * as repo from './payment.repository.ts';
import { refundsOfPayments } from './refund.repository.ts';
import { orderNotFound, storeOf, type PaymentsDeps } from './payments.deps.ts';

/** Staff's view of an order's payments, and payments staff record by hand (bank transfers). */
export function createOrderPaymentService(deps: PaymentsDeps) {
  const { db } = deps;
  return {
    /** The order's payments, oldest first, each with its refunds. */
    async list(ctx: Ctx, orderId: string, page: PageQuery): Promise<Page<PaymentView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        if (!(await repo.findOrderTotal(tx, tenantId, orderId))) throw orderNotFound();
        const rows = await repo.pageOfOrderPayments(tx, tenantId, orderId, page);
        const refunds = await refundsOfPayments(tx, tenantId, rows.map((r) => r.id));
        return pageOf(rows, page.limit, (row) => paymentView(row, refunds));
      });
    },

    /**
     * Money that reached the store outside Winkel (a bank transfer), with its reference: a succeeded
     * manual payment, never more than the order still has to be paid, each reference once.
     */
    async recordManual(ctx: Ctx, orderId: string, input: { amount: Money; reference: string }, origin: AuditOrigin = {}): Promise<PaymentView> {
      const tenantId = storeOf(ctx);
      const { amount, currency } = input.amount;
      try {
        let confirmed = false;
        const recorded = await inTransaction(db, { tenantId }, async (tx) => {
          const order = await repo.lockOrderTotal(tx, tenantId, orderId);
          if (!order) throw orderNotFound();
          if (order.currency !== currency) {
            throw new DomainError('PAYMENT_CURRENCY_MISMATCH', `The order is in ${order.currency}, not ${currency}.`, [{ path: 'body.amount.currency', message: `must be ${order.currency}` }]);
          }
          const paid = (await repo.paymentsOfOrder(tx, tenantId, orderId)).reduce((sum, p) => sum + p.capturedAmount - p.refundedAmount, 0);
          const due = Math.max(0, order.grandTotal - paid);
          if (amount > due) {
            throw new DomainError('PAYMENT_EXCEEDS_AMOUNT_DUE', `The order has ${due} ${currency} left to pay; ${amount} ${currency} is more.`, [{ path: 'body.amount.amount', message: `must be at most ${due}` }]);
          }
          const payment = await repo.insertPayment(tx, {
            tenantId, id: uuidv7(), orderId, cartId: null, provider: 'manual', status: 'succeeded', amount, currency, capturedAmount: amount, refundedAmount: 0,
            providerReference: input.reference, failureCode: null, failureMessage: null, createdBy: actorLabel(ctx.actor),
          });
          await announcePayment(tx, ctx, tenantId, payment);
          confirmed = await settleOrderPayment(tx, ctx, tenantId, orderId);
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'payment.recorded', targetType: 'payment', targetId: payment.id, changes: { after: paymentView(payment) } });
          return paymentView(payment);
        });
        if (confirmed) deps.orderMetrics?.enteredStatus('confirmed');
        return recorded;
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new DomainError('PAYMENT_REFERENCE_TAKEN', `A manual payment with the reference "${input.reference}" is already recorded.`, [{ path: 'body.reference', message: 'is already recorded for a payment' }]);
        }
        throw err;
      }
    },
  };
}

export type OrderPaymentService = ReturnType<typeof createOrderPaymentService>;
