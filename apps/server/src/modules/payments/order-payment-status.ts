import type { PaymentRecordStatus } from './payments.tables.ts';

type OrderPaymentStatus = 'unpaid' | 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded';

export interface PaymentFigures {
  status: PaymentRecordStatus;
  capturedAmount: number;
  refundedAmount: number;
}

/**
 * An order's payment state, derived from its payment records and the order total (never set by
 * hand): paid once the captures net of refunds cover the total; refunded once everything captured
 * went back.
 */
export function orderPaymentStatusOf(grandTotal: number, records: readonly PaymentFigures[]): OrderPaymentStatus {
  const captured = records.reduce((sum, r) => sum + r.capturedAmount, 0);
  const refunded = records.reduce((sum, r) => sum + r.refundedAmount, 0);
  if (captured > 0 && refunded >= captured) return 'refunded';
  if (refunded > 0) return 'partially_refunded';
  if (captured >= grandTotal && captured > 0) return 'paid';
  if (grandTotal === 0) return 'paid';
  if (records.some((r) => r.status === 'authorized')) return 'authorized';
  if (records.some((r) => r.status === 'pending' || r.status === 'requires_action')) return 'pending';
  return 'unpaid';
}
