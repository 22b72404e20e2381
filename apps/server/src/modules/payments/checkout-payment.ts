import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Money } from '../pricing/index.ts';
import type { OrderPayments } from '../orders/index.ts';
import { confirmPaidOrder, refreshOrderPaymentStatus } from './payment-recording.ts';
import * as repo from './payment.repository.ts';
import type { OnlineProviderName } from './payments.tables.ts';

const mismatch = (detail: string, path: string, message: string) => new DomainError('CHECKOUT_PAYMENT_MISMATCH', detail, [{ path, message }]);
const text = (m: Money) => `${m.amount} ${m.currency}`;

/**
 * For checkout with an online payment method: the cart's newest live payment, locked, when it was
 * made with that provider for exactly the cart's grand total now; otherwise 422
 * CHECKOUT_PAYMENT_MISMATCH naming what differs (docs/payments.md#checkout). Returns its id.
 */
export async function lockCheckoutPayment(tx: Tx, tenantId: string, input: { cartId: string; provider: OnlineProviderName; grandTotal: Money }): Promise<string> {
  const payment = await repo.lockLiveCartPayment(tx, tenantId, input.cartId);
  if (!payment) {
    throw mismatch(`The cart has no ${input.provider} payment that can still be completed; start one first.`, 'cart.payment', `no ${input.provider} payment started (POST /carts/:cartId/payments)`);
  }
  if (payment.provider !== input.provider) {
    throw mismatch(`The cart's payment was started with ${payment.provider}, not ${input.provider}.`, 'body.paymentMethod', `the cart's payment is a ${payment.provider} payment`);
  }
  const paid = { amount: payment.amount, currency: payment.currency };
  if (paid.amount !== input.grandTotal.amount || paid.currency !== input.grandTotal.currency) {
    throw mismatch(
      `The cart now costs ${text(input.grandTotal)}, but its payment was started for ${text(paid)}; start a new payment for the cart as it is now.`,
      'cart.totals.grandTotal',
      `is ${text(input.grandTotal)}; the payment is for ${text(paid)}`,
    );
  }
  return payment.id;
}

/** Ties the checked payment to the order placed in the same transaction and stores the order's payment state; returns that state. */
export async function attachCheckoutPayment(tx: Tx, tenantId: string, paymentId: string, orderId: string): Promise<string> {
  await repo.attachToOrder(tx, tenantId, paymentId, orderId);
  return refreshOrderPaymentStatus(tx, tenantId, orderId);
}

/** The payments side of checkout and order edits, as the orders module asks for it (app.ts hands it in). */
export const orderPayments: OrderPayments = {
  lockForCheckout: lockCheckoutPayment,
  attachToOrder: attachCheckoutPayment,
  confirmPaid: confirmPaidOrder,
  refreshStatus: refreshOrderPaymentStatus,
};
