import { WebhookRejected, type ProviderPaymentState, type ProviderRefund, type VerifiedNotification } from './payment-provider.ts';
import type { PaymentRecordStatus } from './payments.tables.ts';

/** The parts of Stripe's PaymentIntent that Winkel reads. */
export interface StripeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret?: string | null;
  metadata?: Record<string, string> | null;
  last_payment_error?: { code?: string | null; decline_code?: string | null; message?: string | null } | null;
}

/** The parts of Stripe's Refund that Winkel reads. */
export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  status: string | null;
  payment_intent: string | { id: string } | null;
}

/**
 * Stripe's intent statuses in ours. An intent asking for a payment method again after an attempt
 * (last_payment_error set) is a failed attempt; the shopper may still try another card on it.
 */
export function intentStatusOf(intent: Pick<StripeIntent, 'status' | 'last_payment_error'>): PaymentRecordStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'succeeded';
    case 'requires_capture':
      return 'authorized';
    case 'requires_action':
      return 'requires_action';
    case 'canceled':
      return 'cancelled';
    case 'requires_payment_method':
      return intent.last_payment_error ? 'failed' : 'pending';
    default:
      // requires_confirmation, processing
      return 'pending';
  }
}

export function paymentStateOf(intent: StripeIntent): ProviderPaymentState {
  const error = intent.last_payment_error ?? null;
  return {
    providerReference: intent.id,
    status: intentStatusOf(intent),
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    capturedAmount: intent.amount_received ?? 0,
    paymentId: intent.metadata?.payment_id ?? null,
    failureCode: error ? (error.decline_code ?? error.code ?? 'payment_failed') : null,
    failureMessage: error?.message ?? null,
  };
}

export function refundStatusOf(status: string | null): ProviderRefund['status'] {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

/** The intent events that tell a payment's state; the rest (created, partially_funded, …) change nothing for us. */
const INTENT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.amount_capturable_updated',
  'payment_intent.canceled',
]);
const REFUND_EVENTS = new Set(['refund.created', 'refund.updated', 'refund.failed']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const malformed = (what: string) => new WebhookRejected(400, `malformed Stripe event: ${what}`);

function refundNotice(refund: unknown, paymentReference: unknown): VerifiedNotification['refund'] {
  if (!isRecord(refund) || typeof refund.id !== 'string' || typeof refund.amount !== 'number') throw malformed('refund');
  const reference = typeof paymentReference === 'string' ? paymentReference : isRecord(paymentReference) ? paymentReference.id : undefined;
  if (typeof reference !== 'string') throw malformed('refund without its payment intent');
  return { providerReference: refund.id, status: refundStatusOf(typeof refund.status === 'string' ? refund.status : null), paymentReference: reference, amount: refund.amount };
}

/**
 * A verified Stripe event reduced to what changed: an intent's state for payment_intent.* events, a
 * refund for refund.* and charge.refunded (the newest refund the charge lists), nothing otherwise.
 */
export function notificationOf(event: unknown): VerifiedNotification {
  if (!isRecord(event) || typeof event.id !== 'string' || typeof event.type !== 'string' || !isRecord(event.data) || !isRecord(event.data.object)) throw malformed('not an event');
  const object = event.data.object;
  const base = { eventId: event.id, eventType: event.type, payment: null, refund: null };
  if (INTENT_EVENTS.has(event.type)) {
    if (object.object !== 'payment_intent' || typeof object.id !== 'string' || typeof object.amount !== 'number' || typeof object.currency !== 'string' || typeof object.status !== 'string') {
      throw malformed('payment intent');
    }
    return { ...base, payment: paymentStateOf(object as unknown as StripeIntent) };
  }
  if (REFUND_EVENTS.has(event.type)) return { ...base, refund: refundNotice(object, object.payment_intent) };
  if (event.type === 'charge.refunded') {
    const listed = isRecord(object.refunds) && Array.isArray(object.refunds.data) ? object.refunds.data : [];
    return listed.length > 0 ? { ...base, refund: refundNotice(listed[0], object.payment_intent) } : base;
  }
  return base;
}
