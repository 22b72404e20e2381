import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { createMollieProvider } from '../../src/modules/payments/mollie-provider.ts';
import type { IncomingWebhook, ProviderCredentials, StartPaymentRequest } from '../../src/modules/payments/payment-provider.ts';
import { startFakeMollie, type FakeMollie } from './fake-mollie.ts';

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

/*
 * The provider against a local fake Mollie, for the adapter's own tests. A test file calls
 * useMollieProvider() once; the bindings below are filled before its tests run (each test file
 * has its own copy of this module).
 */
export let fake: FakeMollie;
export let provider: ReturnType<typeof createMollieProvider>;
/** A store without a webhook signing secret, and one with SECRET. */
export let store: ProviderCredentials;
export let signedStore: ProviderCredentials;

export function useMollieProvider(): void {
  beforeAll(async () => {
    fake = await startFakeMollie();
    provider = createMollieProvider({ apiUrl: fake.url });
    store = { apiKey: fake.apiKey, webhookSecret: null };
    signedStore = { apiKey: fake.apiKey, webhookSecret: SECRET };
  });
  afterAll(() => fake.close());
}

/** A payment started at the fake and marked paid there; its Mollie id. */
export async function paidPayment(amount = 5000): Promise<string> {
  const { providerReference } = await provider.startPayment(store, paymentRequest({ amount }));
  fake.setPaymentStatus(providerReference, 'paid');
  return providerReference;
}
