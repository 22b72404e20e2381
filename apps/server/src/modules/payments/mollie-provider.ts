import type {
  IncomingWebhook,
  OnlinePaymentProvider,
  ProviderCredentials,
  ProviderPaymentState,
  ProviderRefund,
  RefundRequest,
  StartedPayment,
  StartPaymentRequest,
  VerifiedNotification,
} from './payment-provider.ts';
import { WebhookRejected } from './payment-provider.ts';
import { toMollieAmount } from './mollie-amount.ts';
import { callMollie, MOLLIE_TIMEOUT_MS, MollieRefused, type MollieConnection } from './mollie-client.ts';
import { checkSignature, readSubject } from './mollie-notification.ts';
import {
  PAYMENT_REFERENCE,
  paymentStateOf,
  paymentStatusOf,
  readPayment,
  readRefund,
  readRefundList,
  refundedAmountOf,
  refundStateOf,
  refundStatusOf,
  type MolliePayment,
  type MollieRefund,
} from './mollie-resources.ts';

export { MollieRefused, MollieUnavailable, MOLLIE_API_URL } from './mollie-client.ts';

/** Mollie's limit on a payment description. */
const DESCRIPTION_MAX = 255;

function amountFor(amount: number, currency: string) {
  try {
    return toMollieAmount(amount, currency);
  } catch (error) {
    throw new MollieRefused('invalid_amount', `Cannot send this amount to Mollie: ${(error as Error).message}`, null, 'amount');
  }
}

function paymentPath(reference: string): string {
  if (!PAYMENT_REFERENCE.test(reference)) throw new MollieRefused('invalid_reference', `"${reference}" is not a Mollie payment id (tr_…)`, null, 'providerReference');
  return `/payments/${reference}`;
}

export interface MollieProviderOptions {
  /** Mollie's API base without the version (MOLLIE_API_URL); tests point it at a local fake. */
  apiUrl: string;
  timeoutMs?: number;
}

/** Mollie's Payments API for every store (docs/payments-mollie.md); each call carries the store's own API key. */
export function createMollieProvider(options: MollieProviderOptions): OnlinePaymentProvider {
  const connection: MollieConnection = { apiUrl: options.apiUrl, timeoutMs: options.timeoutMs ?? MOLLIE_TIMEOUT_MS };

  async function getPayment(credentials: ProviderCredentials, reference: string): Promise<MolliePayment> {
    return readPayment(await callMollie(connection, credentials.apiKey, { method: 'GET', path: paymentPath(reference) }));
  }

  /** The refund a notification is about: the one a subscription event names, else the payment's newest. */
  async function refundOf(credentials: ProviderCredentials, payment: MolliePayment, refundReference: string | null): Promise<MollieRefund | null> {
    const path = `${paymentPath(payment.id)}/refunds`;
    if (refundReference) return readRefund(await callMollie(connection, credentials.apiKey, { method: 'GET', path: `${path}/${refundReference}` }));
    if (!payment._links?.refunds) return null;
    const refunds = readRefundList(await callMollie(connection, credentials.apiKey, { method: 'GET', path: `${path}?limit=250` }));
    return refunds.reduce<MollieRefund | null>((newest, r) => (newest === null || Date.parse(r.createdAt) > Date.parse(newest.createdAt) ? r : newest), null);
  }

  return {
    name: 'mollie',

    async startPayment(credentials: ProviderCredentials, request: StartPaymentRequest): Promise<StartedPayment> {
      if (!request.returnUrl) {
        throw new MollieRefused('return_url_required', 'Mollie needs a return URL to send the shopper back to after paying, and none was given', null, 'returnUrl');
      }
      const body = {
        amount: amountFor(request.amount, request.currency),
        description: [...request.description].slice(0, DESCRIPTION_MAX).join(''),
        redirectUrl: request.returnUrl,
        // A store with a signing secret is notified by its signed webhook subscription; a per-payment
        // webhook would only add unsigned calls that such a store refuses.
        ...(request.webhookUrl && !credentials.webhookSecret ? { webhookUrl: request.webhookUrl } : {}),
        metadata: { paymentId: request.paymentId, tenantId: request.tenantId },
      };
      const payment = readPayment(await callMollie(connection, credentials.apiKey, { method: 'POST', path: '/payments', body, idempotencyKey: request.paymentId }));
      return {
        providerReference: payment.id,
        status: paymentStatusOf(payment),
        clientSecret: null,
        redirectUrl: payment._links?.checkout?.href ?? null,
      };
    },

    async fetchPayment(credentials: ProviderCredentials, providerReference: string): Promise<ProviderPaymentState> {
      return paymentStateOf(await getPayment(credentials, providerReference));
    },

    async refund(credentials: ProviderCredentials, request: RefundRequest): Promise<ProviderRefund> {
      const body = { amount: amountFor(request.amount, request.currency), metadata: { refundId: request.refundId } };
      const path = `${paymentPath(request.providerReference)}/refunds`;
      const refund = readRefund(await callMollie(connection, credentials.apiKey, { method: 'POST', path, body, idempotencyKey: request.refundId }));
      return { providerReference: refund.id, status: refundStatusOf(refund) };
    },

    async cancelPayment(credentials: ProviderCredentials, providerReference: string): Promise<void> {
      // Mollie lets only some payments be cancelled (`isCancelable`); it refuses the rest with a 422.
      readPayment(await callMollie(connection, credentials.apiKey, { method: 'DELETE', path: paymentPath(providerReference) }));
    },

    async verifyNotification(credentials: ProviderCredentials, webhook: IncomingWebhook): Promise<VerifiedNotification> {
      checkSignature(webhook, credentials.webhookSecret);
      const subject = readSubject(webhook.rawBody);
      // Mollie signs no timestamp, and a classic notification is not signed at all: the state
      // always comes from the API, so a replayed or forged notification can only repeat the truth.
      let payment: MolliePayment;
      let refund: MollieRefund | null;
      try {
        payment = await getPayment(credentials, subject.paymentReference);
        refund = await refundOf(credentials, payment, subject.refundReference);
      } catch (error) {
        if (error instanceof MollieRefused && error.status === 404) {
          const what = subject.refundReference ? `refund ${subject.refundReference} of payment ` : 'payment ';
          throw new WebhookRejected(400, `Mollie knows no ${what}${subject.paymentReference} for this store`);
        }
        throw error;
      }
      const state = paymentStateOf(payment);
      return {
        eventId: [payment.id, payment.status, refundedAmountOf(payment), ...(refund ? [refund.id, refund.status] : [])].join(':'),
        eventType: refund ? `refund.${refund.status}` : `payment.${payment.status}`,
        payment: state,
        refund: refund ? refundStateOf(refund) : null,
      };
    },
  };
}
