import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IncomingWebhook, StartPaymentRequest } from '../../src/modules/payments/payment-provider.ts';

/** The signing secret of the webhook subscription that "signed" stores have. */
export const SECRET = 'whsec_test_3f9a1c0d2e';

export function paymentRequest(overrides: Partial<StartPaymentRequest> = {}): StartPaymentRequest {
  return {
    paymentId: randomUUID(), tenantId: randomUUID(), amount: 1999, currency: 'EUR', description: 'Order 1001 at Koffiebar',
    returnUrl: 'https://shop.example/checkout/return', webhookUrl: 'https://winkel.example/webhooks/mollie/abc', ...overrides,
  };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);
}

export const webhook = (n: { rawBody: Buffer; headers: Record<string, string> }): IncomingWebhook => ({ rawBody: n.rawBody, headers: n.headers });
