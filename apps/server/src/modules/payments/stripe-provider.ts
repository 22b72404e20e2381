import type StripeSdk from 'stripe';
import { WebhookRejected, type OnlinePaymentProvider, type ProviderCredentials } from './payment-provider.ts';
import { ProviderRefused } from './provider-errors.ts';
import { notificationOf, paymentStateOf, refundStatusOf, type StripeIntent, type StripeRefund } from './stripe-mapping.ts';

type StripeClass = typeof StripeSdk;
type StripeClient = InstanceType<StripeClass>;

/** Stripe's own tolerance for a signed timestamp's age. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Stripe errors that are an answer (the request was refused), as opposed to no answer or Stripe's own failure. */
const REFUSALS = new Set(['StripeCardError', 'StripeInvalidRequestError', 'StripeAuthenticationError', 'StripePermissionError', 'StripeIdempotencyError']);

// Loaded on first use: the SDK is large, and a server that takes no Stripe payments never needs it.
let sdk: Promise<StripeClass> | undefined;
const loadStripe = () => (sdk ??= import('stripe').then((m) => m.default));

export interface StripeProviderOptions {
  /** Stripe's API base (STRIPE_API_URL); tests point it at a local fake. */
  apiUrl: string;
  timeoutMs?: number;
}

/**
 * Stripe payment intents through the official SDK (docs/payments.md#stripe). Amounts go to Stripe as
 * they are stored (minor units of the currency, as Stripe counts them too). Our payment and refund
 * ids are Stripe's idempotency keys and travel in the metadata.
 */
export function createStripeProvider(options: StripeProviderOptions): OnlinePaymentProvider {
  const url = new URL(options.apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const connection = { host: url.hostname, port: url.port || (protocol === 'http' ? '80' : '443'), protocol } as const;

  /** The SDK's error, without anything that could carry the key, as ProviderRefused or a plain Error. */
  function translate(err: unknown, apiKey: string): Error {
    const e = err as { type?: string; code?: string; message?: string };
    const message = String(e.message ?? err).replaceAll(apiKey, '[key]').replace(/\b(sk|rk)_(test|live)_\w+/g, '[key]');
    if (e.type && REFUSALS.has(e.type)) return new ProviderRefused(e.code ?? e.type, message);
    const plain = new Error(message);
    plain.name = e.type ?? 'StripeError';
    return plain;
  }

  async function withStripe<T>(credentials: ProviderCredentials, work: (stripe: StripeClient) => Promise<T>): Promise<T> {
    const Stripe = await loadStripe();
    const stripe = new Stripe(credentials.apiKey, { ...connection, maxNetworkRetries: 2, timeout: options.timeoutMs ?? 20_000, telemetry: false });
    try {
      return await work(stripe);
    } catch (err) {
      throw translate(err, credentials.apiKey);
    }
  }

  return {
    name: 'stripe',

    startPayment: (credentials, request) =>
      withStripe(credentials, async (stripe) => {
        const intent = (await stripe.paymentIntents.create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            description: request.description,
            metadata: { payment_id: request.paymentId, store_id: request.tenantId },
            automatic_payment_methods: { enabled: true },
          },
          { idempotencyKey: request.paymentId },
        )) as unknown as StripeIntent;
        const state = paymentStateOf(intent);
        return { providerReference: intent.id, status: state.status, clientSecret: intent.client_secret ?? null, redirectUrl: null };
      }),

    fetchPayment: (credentials, reference) => withStripe(credentials, async (stripe) => paymentStateOf((await stripe.paymentIntents.retrieve(reference)) as unknown as StripeIntent)),

    refund: (credentials, request) =>
      withStripe(credentials, async (stripe) => {
        const refund = (await stripe.refunds.create(
          { payment_intent: request.providerReference, amount: request.amount, metadata: { refund_id: request.refundId } },
          { idempotencyKey: request.refundId },
        )) as unknown as StripeRefund;
        return { providerReference: refund.id, status: refundStatusOf(refund.status) };
      }),

    cancelPayment: (credentials, reference) =>
      withStripe(credentials, async (stripe) => {
        await stripe.paymentIntents.cancel(reference, {}, { idempotencyKey: `cancel-${reference}` });
      }),

    async verifyNotification(credentials, webhook, now) {
      const header = webhook.headers['stripe-signature'];
      if (typeof header !== 'string' || header === '') throw new WebhookRejected(401, 'no Stripe-Signature header');
      if (!credentials.webhookSecret) throw new WebhookRejected(401, 'the store has no Stripe webhook signing secret');
      const Stripe = await loadStripe();
      let event: unknown;
      try {
        event = Stripe.webhooks.constructEvent(webhook.rawBody, header, credentials.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime());
      } catch (err) {
        if (err instanceof SyntaxError) throw new WebhookRejected(400, 'the signed body is not JSON');
        throw new WebhookRejected(401, 'the signature does not match the body, or its timestamp is too old');
      }
      return notificationOf(event);
    },
  };
}
