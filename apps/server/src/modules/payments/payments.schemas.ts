import { z } from 'zod';
import { ONLINE_PROVIDERS, PAYMENT_PROVIDERS, PAYMENT_RECORD_STATUSES, REFUND_STATUSES } from './payments.tables.ts';

const money = z.object({ amount: z.number().int(), currency: z.string() });
const positiveMoney = z
  .object({
    amount: z.number().int('must be whole minor units').min(1, 'must be more than zero').max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code'),
  })
  .strict();
const key = (max: number) => z.string().trim().min(1).max(max);

export const providerParams = z.object({ provider: z.enum(ONLINE_PROVIDERS) }).strict();
export const orderParams = z.object({ orderId: z.uuid() }).strict();

export const providerAccountBody = z
  .object({
    mode: z.enum(['test', 'live']).describe('test or live; the keys must be of the same mode'),
    apiKey: key(500).optional().describe('secret API key; required the first time, left out to keep the one set'),
    publicKey: key(500).nullable().optional().describe("the provider's publishable key (Stripe pk_…, Mollie profile id); null removes it"),
    webhookSecret: key(500).nullable().optional().describe("the signing secret of the provider's webhook endpoint (Stripe whsec_…) or subscription (Mollie, optional); null removes it"),
    enabled: z.boolean().optional().describe('false: shoppers cannot start new payments with it; notifications and refunds still work'),
  })
  .strict();

export const providerAccountSchema = z.object({
  provider: z.enum(ONLINE_PROVIDERS),
  mode: z.enum(['test', 'live']),
  publicKey: z.string().nullable(),
  apiKeyHint: z.string().describe('the last four characters of the API key'),
  hasWebhookSecret: z.boolean(),
  enabled: z.boolean(),
  webhookUrl: z.string().describe("the address to give the provider for its notifications"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const manualPaymentBody = z
  .object({
    provider: z.literal('manual'),
    amount: positiveMoney.describe('in the order currency; at most what is left to pay'),
    reference: z.string().trim().min(1).max(200).describe('the bank transfer reference; each one is recorded once'),
  })
  .strict();

export const refundBody = z
  .object({
    paymentId: z.uuid(),
    amount: positiveMoney.describe('in the payment currency; at most what is left of the capture'),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const startPaymentBody = z
  .object({
    provider: z.enum(ONLINE_PROVIDERS),
    returnUrl: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).max(2000).optional().describe('where a redirect provider (Mollie) sends the shopper back'),
  })
  .strict();

export const refundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  orderId: z.uuid(),
  amount: money,
  status: z.enum(REFUND_STATUSES),
  providerReference: z.string().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const paymentSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid().nullable(),
  cartId: z.uuid().nullable(),
  provider: z.enum(PAYMENT_PROVIDERS),
  status: z.enum(PAYMENT_RECORD_STATUSES),
  amount: money,
  captured: money,
  refunded: money.describe('refunds asked for, pending ones included'),
  providerReference: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  refunds: z.array(refundSchema),
});

export const paymentSessionSchema = z.object({
  paymentId: z.uuid(),
  provider: z.enum(ONLINE_PROVIDERS),
  status: z.enum(PAYMENT_RECORD_STATUSES),
  amount: money,
  clientSecret: z.string().nullable().describe("Stripe: confirm the payment in the browser with it (Stripe.js)"),
  redirectUrl: z.string().nullable().describe("Mollie: send the shopper to this page"),
  publicKey: z.string().nullable().describe("the store's publishable key for the provider's browser library"),
});

/** Read as raw bytes, whatever the content type: the signature is over them. */
export const webhookBody = z.unknown().describe("the provider's notification exactly as it sends it (Stripe: a JSON event with a Stripe-Signature header; Mollie: the form id=tr_…, or a subscription's JSON event with an X-Mollie-Signature header)");
export const webhookParams = z.object({ provider: z.enum(ONLINE_PROVIDERS), storeId: z.uuid() }).strict();
export const webhookAnswer = z.object({ received: z.literal(true), outcome: z.enum(['processed', 'duplicate', 'ignored']) });
