import type { Money } from '../pricing/index.ts';
import type { PaymentRow } from './payment.repository.ts';
import type { RefundRow } from './refund.repository.ts';

export interface RefundView {
  id: string;
  paymentId: string;
  orderId: string;
  amount: Money;
  status: RefundRow['status'];
  providerReference: string | null;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentView {
  id: string;
  orderId: string | null;
  cartId: string | null;
  provider: PaymentRow['provider'];
  status: PaymentRow['status'];
  amount: Money;
  captured: Money;
  refunded: Money;
  providerReference: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  refunds: RefundView[];
}

export function refundView(row: RefundRow): RefundView {
  return {
    id: row.id,
    paymentId: row.paymentId,
    orderId: row.orderId,
    amount: { amount: row.amount, currency: row.currency },
    status: row.status,
    providerReference: row.providerReference,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function paymentView(row: PaymentRow, refunds: RefundRow[] = []): PaymentView {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    orderId: row.orderId,
    cartId: row.cartId,
    provider: row.provider,
    status: row.status,
    amount: money(row.amount),
    captured: money(row.capturedAmount),
    refunded: money(row.refundedAmount),
    providerReference: row.providerReference,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    refunds: refunds.filter((r) => r.paymentId === row.id).map(refundView),
  };
}
