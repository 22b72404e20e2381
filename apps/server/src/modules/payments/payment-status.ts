import type { PaymentRecordStatus } from './payments.tables.ts';

/**
 * Every move a payment record may make, whoever reports it (the provider's notification, the
 * storefront starting a newer payment, staff). Everything else is ignored as stale or out of order.
 * - A failed attempt is not the end: the shopper may try another card on the same provider payment.
 * - Money the provider confirms is always recorded, even for a payment we had given up on
 *   (cancelled), so that it can be seen and refunded rather than lost.
 * - `succeeded` is final; what happens after it is told by refunds.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentRecordStatus, readonly PaymentRecordStatus[]>> = {
  pending: ['requires_action', 'authorized', 'succeeded', 'failed', 'cancelled'],
  requires_action: ['pending', 'authorized', 'succeeded', 'failed', 'cancelled'],
  authorized: ['succeeded', 'failed', 'cancelled'],
  failed: ['pending', 'requires_action', 'authorized', 'succeeded', 'cancelled'],
  cancelled: ['succeeded'],
  succeeded: [],
};

export function canMovePayment(from: PaymentRecordStatus, to: PaymentRecordStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** Payments that may still bring money for their cart: checkout accepts one of these. */
export const LIVE_PAYMENT_STATUSES: readonly PaymentRecordStatus[] = ['pending', 'requires_action', 'authorized', 'succeeded'];

/** Payments a newer one replaces: nothing was taken yet (an authorisation is released). */
export const REPLACEABLE_PAYMENT_STATUSES: readonly PaymentRecordStatus[] = ['pending', 'requires_action', 'authorized'];
