import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMollieProvider, MollieRefused, MollieUnavailable } from '../../src/modules/payments/mollie-provider.ts';
import { ProviderRefused } from '../../src/modules/payments/provider-errors.ts';
import { freePort } from '../free-port.ts';
import { fake, paidPayment, paymentRequest, provider, rejection, signedStore, store, useMollieProvider } from './mollie-kit.ts';

useMollieProvider();

describe('starting a payment', () => {
  it('creates a Mollie payment with amount, description, return and webhook URLs and our ids, and hands back the checkout page', async () => {
    const request = paymentRequest();
    const started = await provider.startPayment(store, request);

    expect(started.providerReference).toMatch(/^tr_/);
    expect(started).toMatchObject({ status: 'pending', clientSecret: null });
    expect(started.redirectUrl).toMatch(/^https:\/\/www\.mollie\.com\/checkout\//);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v2/payments' });
    expect(sent.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent.headers['idempotency-key']).toBe(request.paymentId);
    expect(sent.body).toEqual({
      amount: { currency: 'EUR', value: '19.99' }, description: request.description, redirectUrl: request.returnUrl,
      webhookUrl: request.webhookUrl, metadata: { paymentId: request.paymentId, tenantId: request.tenantId },
    });
  });

  it('sends each currency with its own decimals and reads the same minor units back', async () => {
    for (const [amount, currency, value] of [[1500, 'JPY', '1500'], [1255, 'KWD', '1.255'], [150000, 'HUF', '1500.00']] as const) {
      const started = await provider.startPayment(store, paymentRequest({ amount, currency }));
      expect(fake.payment(started.providerReference)!.amount).toEqual({ value, currency });
      expect(await provider.fetchPayment(store, started.providerReference)).toMatchObject({ amount, currency });
    }
  });

  it('makes no second payment when the same payment is started again', async () => {
    const request = paymentRequest();
    const first = await provider.startPayment(store, request);
    const count = fake.paymentCount();
    const again = await provider.startPayment(store, request);
    expect(again.providerReference).toBe(first.providerReference);
    expect(fake.paymentCount()).toBe(count);
  });

  it('refuses to start without a return URL, before asking Mollie', async () => {
    const asked = fake.requests.length;
    const error = await rejection(provider.startPayment(store, paymentRequest({ returnUrl: null })));
    expect(error).toBeInstanceOf(ProviderRefused);
    expect(error).toMatchObject({ code: 'return_url_required', field: 'returnUrl', status: null, message: expect.stringMatching(/return URL/) });
    const nonsense = await rejection(provider.startPayment(store, paymentRequest({ currency: 'euro' })));
    expect(nonsense).toMatchObject({ code: 'invalid_amount', field: 'amount' });
    expect(fake.requests.length).toBe(asked);
  });

  it('shortens a description to the 255 characters Mollie takes', async () => {
    const started = await provider.startPayment(store, paymentRequest({ description: `Bestellung ${'ö'.repeat(300)}` }));
    expect([...fake.payment(started.providerReference)!.description]).toHaveLength(255);
  });

  it('sets no per-payment webhook for a store notified by a signed webhook subscription', async () => {
    const started = await provider.startPayment(signedStore, paymentRequest());
    expect(fake.payment(started.providerReference)!.webhookUrl).toBeNull();
  });
});

describe('reading a payment', () => {
  it('maps every Mollie status to ours, with the captured amount once paid', async () => {
    const expected = { open: 'pending', pending: 'pending', authorized: 'authorized', paid: 'succeeded', canceled: 'cancelled', expired: 'cancelled', failed: 'failed' } as const;
    for (const [mollie, ours] of Object.entries(expected)) {
      const request = paymentRequest({ amount: 2500 });
      const { providerReference } = await provider.startPayment(store, request);
      if (mollie !== 'open') fake.setPaymentStatus(providerReference, mollie as Exclude<keyof typeof expected, 'open'>);
      const state = await provider.fetchPayment(store, providerReference);
      expect(state, mollie).toMatchObject({ providerReference, status: ours, amount: 2500, currency: 'EUR', paymentId: request.paymentId, capturedAmount: mollie === 'paid' ? 2500 : 0 });
    }
  });

  it('tells why a payment failed, expired or was cancelled', async () => {
    const failed = (await provider.startPayment(store, paymentRequest())).providerReference;
    fake.setPaymentStatus(failed, 'failed', { failureReason: 'card_declined', failureMessage: 'The card was declined by the issuer' });
    expect(await provider.fetchPayment(store, failed)).toMatchObject({ failureCode: 'card_declined', failureMessage: 'The card was declined by the issuer' });
    const expired = (await provider.startPayment(store, paymentRequest())).providerReference;
    fake.setPaymentStatus(expired, 'expired');
    expect(await provider.fetchPayment(store, expired)).toMatchObject({ failureCode: 'expired', failureMessage: expect.any(String) });
    const paid = await paidPayment();
    expect(await provider.fetchPayment(store, paid)).toMatchObject({ failureCode: null, failureMessage: null });
  });

  it('refuses a reference that is not a Mollie payment id without asking Mollie', async () => {
    const asked = fake.requests.length;
    await expect(provider.fetchPayment(store, '../refunds')).rejects.toThrow(MollieRefused);
    expect(fake.requests.length).toBe(asked);
  });
});

describe('refunding', () => {
  it('asks Mollie to refund the amount, once per refund however often it is retried', async () => {
    const payment = await paidPayment(5000);
    const refundId = randomUUID();
    const refund = await provider.refund(store, { providerReference: payment, refundId, amount: 1250, currency: 'EUR' });
    const again = await provider.refund(store, { providerReference: payment, refundId, amount: 1250, currency: 'EUR' });

    expect(refund).toEqual({ providerReference: expect.stringMatching(/^re_/), status: 'pending' });
    expect(again.providerReference).toBe(refund.providerReference);
    expect(fake.refunds(payment)).toHaveLength(1);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: `/v2/payments/${payment}/refunds`, body: { amount: { currency: 'EUR', value: '12.50' } } });
    expect(sent.headers['idempotency-key']).toBe(refundId);
  });

  it('passes on Mollie’s refusal with its reason and field', async () => {
    const payment = await paidPayment(1000);
    const error = await rejection(provider.refund(store, { providerReference: payment, refundId: randomUUID(), amount: 1001, currency: 'EUR' }));
    expect(error).toBeInstanceOf(ProviderRefused);
    expect(error).toMatchObject({ status: 422, field: 'amount', code: 'invalid_amount', message: expect.stringMatching(/higher than the amount that can be refunded/) });
  });
});

describe('cancelling a replaced payment', () => {
  it('cancels a payment the shopper has not completed, and passes on Mollie’s refusal for one that is paid', async () => {
    const { providerReference } = await provider.startPayment(store, paymentRequest());
    await provider.cancelPayment!(store, providerReference);
    expect(fake.payment(providerReference)!.status).toBe('canceled');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v2/payments/${providerReference}` });
    await expect(provider.cancelPayment!(store, await paidPayment())).rejects.toMatchObject({ status: 422 });
  });
});

describe('when Mollie says no or cannot be reached', () => {
  it('names a wrong API key without repeating it', async () => {
    const wrongKey = 'test_wrongwrongwrongwrongwrongwrong';
    const error = await rejection(provider.startPayment({ apiKey: wrongKey, webhookSecret: null }, paymentRequest()));
    expect(error).toBeInstanceOf(ProviderRefused);
    expect(error).toMatchObject({ status: 401, code: 'api_key_rejected', message: expect.stringMatching(/API key/) });
    expect(inspect(error)).not.toContain(wrongKey);
  });

  it('passes on validation errors and outages with their status, and never a key', async () => {
    fake.answerNext(422, `The amount is lower than the minimum for key ${fake.apiKey}`, 'amount');
    const invalid = await rejection(provider.startPayment(store, paymentRequest()));
    expect(invalid).toMatchObject({ status: 422, field: 'amount', message: expect.stringMatching(/lower than the minimum for key \[redacted\]/) });
    const payment = await paidPayment();
    fake.answerNext(503, 'Service temporarily unavailable');
    const outage = await rejection(provider.fetchPayment(store, payment));
    expect(invalid).toBeInstanceOf(ProviderRefused);
    expect(outage).toBeInstanceOf(MollieUnavailable);
    expect(outage).not.toBeInstanceOf(ProviderRefused);
    expect(outage).toMatchObject({ status: 503, message: expect.stringMatching(/^Mollie could not handle the request \(503/) });
    for (const error of [invalid, outage]) {
      expect(inspect(error)).not.toContain(fake.apiKey);
      expect(JSON.stringify(error)).not.toContain(fake.apiKey);
    }
  });

  it('gives up after the timeout instead of waiting for a silent Mollie', async () => {
    const impatient = createMollieProvider({ apiUrl: fake.url, timeoutMs: 200 });
    const payment = await paidPayment();
    fake.delayNext(2000);
    const started = Date.now();
    const error = await rejection(impatient.fetchPayment(store, payment));
    expect(error).toBeInstanceOf(MollieUnavailable);
    expect(error).toMatchObject({ status: null, message: 'Mollie did not answer within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a network failure as such', async () => {
    const nowhere = createMollieProvider({ apiUrl: `http://127.0.0.1:${await freePort()}` });
    const error = await rejection(nowhere.fetchPayment(store, 'tr_abc123'));
    expect(error).toBeInstanceOf(MollieUnavailable);
    expect(error).toMatchObject({ status: null, message: expect.stringMatching(/Could not reach Mollie \(ECONNREFUSED\)/) });
  });
});
