import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookRejected, type IncomingWebhook } from './payment-provider.ts';
import { PAYMENT_REFERENCE, REFUND_REFERENCE } from './mollie-resources.ts';

/**
 * Mollie notifies in two ways, and neither carries state we would trust:
 * - a payment's own webhook (`webhookUrl`): form-encoded `id=tr_…`, unsigned;
 * - a webhook subscription set up in the Mollie dashboard: a JSON event (`entityId`, `type`,
 *   optionally the entity), signed with the subscription's secret as
 *   `X-Mollie-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 * A store that has a signing secret accepts only signed notifications; one without accepts only
 * unsigned ones. Either way the caller re-reads the payment from the API before acting.
 */

export interface NotificationSubject {
  paymentReference: string;
  /** Set when a subscription event is about one refund. */
  refundReference: string | null;
}

const SIGNATURE_HEADER = 'x-mollie-signature';
const SIGNATURE_PREFIX = 'sha256=';

function headerValues(headers: IncomingWebhook['headers'], name: string): string[] {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v.length > 0);
}

function matches(signature: string, expected: Buffer): boolean {
  const hex = signature.trim().startsWith(SIGNATURE_PREFIX) ? signature.trim().slice(SIGNATURE_PREFIX.length) : signature.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

/** Throws WebhookRejected(401) unless the notification is signed exactly as the store's settings demand. */
export function checkSignature(webhook: IncomingWebhook, webhookSecret: string | null): void {
  const signatures = headerValues(webhook.headers, SIGNATURE_HEADER);
  if (!webhookSecret) {
    if (signatures.length > 0) throw new WebhookRejected(401, 'the notification is signed, but the store has no Mollie webhook signing secret to check it with');
    return;
  }
  if (signatures.length === 0) throw new WebhookRejected(401, 'the notification has no X-Mollie-Signature, and the store accepts only signed Mollie notifications');
  const expected = createHmac('sha256', webhookSecret).update(webhook.rawBody).digest();
  if (!signatures.some((signature) => matches(signature, expected))) throw new WebhookRejected(401, 'the X-Mollie-Signature does not match the notification');
}

/** Which payment (and refund) the notification is about; WebhookRejected(400) when it names none. */
export function readSubject(rawBody: Buffer): NotificationSubject {
  const text = rawBody.toString('utf8').trim();
  if (text.startsWith('{')) return readEvent(text);
  const id = new URLSearchParams(text).get('id');
  if (id === null || !PAYMENT_REFERENCE.test(id)) throw new WebhookRejected(400, 'the notification names no Mollie payment (expected id=tr_…)');
  return { paymentReference: id, refundReference: null };
}

function readEvent(text: string): NotificationSubject {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new WebhookRejected(400, 'the notification is neither a form nor JSON');
  }
  const entityId = field(event, 'entityId');
  if (typeof entityId === 'string' && PAYMENT_REFERENCE.test(entityId)) return { paymentReference: entityId, refundReference: null };
  if (typeof entityId === 'string' && REFUND_REFERENCE.test(entityId)) {
    // Mollie reads a refund only through its payment, which only the event's full payload names.
    const paymentId = field(field(field(event, '_embedded'), 'entity'), 'paymentId');
    if (typeof paymentId === 'string' && PAYMENT_REFERENCE.test(paymentId)) return { paymentReference: paymentId, refundReference: entityId };
    throw new WebhookRejected(400, 'the refund event does not name its payment: set the Mollie webhook to send the full payload');
  }
  throw new WebhookRejected(400, 'the event is not about a Mollie payment or refund');
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
