import { z } from 'zod';
import type { PaymentRecordStatus } from './payments.tables.ts';
import type { ProviderPaymentState, ProviderRefund } from './payment-provider.ts';
import { fromMollieAmount } from './mollie-amount.ts';
import { MollieUnavailable } from './mollie-client.ts';

/** The parts of Mollie's payment and refund resources the adapter reads; everything else is ignored. */

export const PAYMENT_REFERENCE = /^tr_[A-Za-z0-9]+$/;
export const REFUND_REFERENCE = /^re_[A-Za-z0-9]+$/;

const amount = z.object({ currency: z.string(), value: z.string() });
const link = z.object({ href: z.string() });

const molliePayment = z.object({
  resource: z.literal('payment'),
  id: z.string().regex(PAYMENT_REFERENCE),
  status: z.enum(['open', 'pending', 'authorized', 'paid', 'canceled', 'expired', 'failed']),
  amount,
  amountRefunded: amount.nullish(),
  amountCaptured: amount.nullish(),
  metadata: z.unknown().optional(),
  details: z.object({ failureReason: z.string().nullish(), failureMessage: z.string().nullish() }).nullish(),
  _links: z.object({ checkout: link.nullish(), refunds: link.nullish() }).nullish(),
});

const mollieRefund = z.object({
  resource: z.literal('refund'),
  id: z.string().regex(REFUND_REFERENCE),
  status: z.enum(['queued', 'pending', 'processing', 'refunded', 'failed', 'canceled']),
  amount,
  paymentId: z.string().regex(PAYMENT_REFERENCE),
  createdAt: z.string(),
});

const mollieRefundList = z.object({ _embedded: z.object({ refunds: z.array(mollieRefund) }) });

export type MolliePayment = z.infer<typeof molliePayment>;
export type MollieRefund = z.infer<typeof mollieRefund>;

function read<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MollieUnavailable(`Mollie answered with an unexpected ${what} (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unreadable'})`, null);
  }
  return parsed.data;
}

function minorUnits(value: z.infer<typeof amount>): number {
  try {
    return fromMollieAmount(value);
  } catch (error) {
    throw new MollieUnavailable(`Mollie answered with an unreadable amount: ${(error as Error).message}`, null);
  }
}

export const readPayment = (body: unknown): MolliePayment => read(molliePayment, body, 'payment');
export const readRefund = (body: unknown): MollieRefund => read(mollieRefund, body, 'refund');
export const readRefundList = (body: unknown): MollieRefund[] => read(mollieRefundList, body, 'refund list')._embedded.refunds;

const PAYMENT_STATUS: Record<MolliePayment['status'], PaymentRecordStatus> = {
  open: 'pending',
  pending: 'pending',
  authorized: 'authorized',
  paid: 'succeeded',
  canceled: 'cancelled',
  expired: 'cancelled',
  failed: 'failed',
};

const REFUND_STATUS: Record<MollieRefund['status'], ProviderRefund['status']> = {
  queued: 'pending',
  pending: 'pending',
  processing: 'pending',
  refunded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

export const paymentStatusOf = (payment: MolliePayment): PaymentRecordStatus => PAYMENT_STATUS[payment.status];
export const refundStatusOf = (refund: MollieRefund): ProviderRefund['status'] => REFUND_STATUS[refund.status];

function failureOf(payment: MolliePayment): { failureCode: string | null; failureMessage: string | null } {
  switch (payment.status) {
    case 'failed':
      return { failureCode: payment.details?.failureReason ?? 'failed', failureMessage: payment.details?.failureMessage ?? null };
    case 'canceled':
      return { failureCode: 'canceled', failureMessage: 'The payment was cancelled before it was completed.' };
    case 'expired':
      return { failureCode: 'expired', failureMessage: 'The shopper did not complete the payment in time.' };
    default:
      return { failureCode: null, failureMessage: null };
  }
}

export function paymentStateOf(payment: MolliePayment): ProviderPaymentState {
  const total = minorUnits(payment.amount);
  const metadata = typeof payment.metadata === 'object' && payment.metadata !== null ? (payment.metadata as Record<string, unknown>) : {};
  return {
    providerReference: payment.id,
    status: paymentStatusOf(payment),
    amount: total,
    currency: payment.amount.currency,
    capturedAmount: payment.status === 'paid' ? (payment.amountCaptured ? minorUnits(payment.amountCaptured) : total) : 0,
    paymentId: typeof metadata.paymentId === 'string' ? metadata.paymentId : null,
    ...failureOf(payment),
  };
}

/** What Mollie counts as refunded so far (pending refunds included), in minor units. */
export const refundedAmountOf = (payment: MolliePayment): number => (payment.amountRefunded ? minorUnits(payment.amountRefunded) : 0);

export function refundStateOf(refund: MollieRefund): ProviderRefund & { paymentReference: string; amount: number } {
  return { providerReference: refund.id, status: refundStatusOf(refund), paymentReference: refund.paymentId, amount: minorUnits(refund.amount) };
}
