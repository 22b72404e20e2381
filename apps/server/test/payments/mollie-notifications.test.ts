import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MollieUnavailable } from '../../src/modules/payments/mollie-provider.ts';
import { WebhookRejected, type IncomingWebhook } from '../../src/modules/payments/payment-provider.ts';
import { signMollie } from './fake-mollie.ts';
import { fake, paidPayment, paymentRequest, provider, rejection, SECRET, signedStore, store, useMollieProvider, webhook } from './mollie-kit.ts';

useMollieProvider();

/** A local endpoint that keeps what it receives, as the webhook route would see it. */
async function startReceiver() {
  const received: IncomingWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ rawBody: Buffer.concat(chunks), headers: req.headers });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/mollie`, received, close: () => new Promise((r) => server.close(r)) };
}

describe('notifications from a payment’s webhook (unsigned, for a store without a signing secret)', () => {
  it('reads the state from Mollie, and gives the same event id to the same change only', async () => {
    const receiver = await startReceiver();
    const request = paymentRequest();
    const { providerReference } = await provider.startPayment(store, request);
    expect((await fake.notify(receiver.url, providerReference)).status).toBe(200);
    const delivered = receiver.received[0]!;
    expect(delivered.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(delivered.rawBody.toString()).toBe(`id=${providerReference}`);

    const open = await provider.verifyNotification(store, delivered, new Date());
    expect(open).toMatchObject({ eventType: 'payment.open', payment: { status: 'pending', paymentId: request.paymentId }, refund: null });
    fake.setPaymentStatus(providerReference, 'paid');
    const paid = await provider.verifyNotification(store, delivered, new Date());
    const duplicate = await provider.verifyNotification(store, delivered, new Date());

    expect(paid).toMatchObject({ eventType: 'payment.paid', payment: { status: 'succeeded', capturedAmount: 1999 } });
    expect(paid.eventId).not.toBe(open.eventId);
    expect(duplicate.eventId).toBe(paid.eventId);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v2/payments/${providerReference}` });
    await receiver.close();
  });

  it('follows a refund from pending to refunded or failed', async () => {
    const payment = await paidPayment(4000);
    const first = await provider.refund(store, { providerReference: payment, refundId: randomUUID(), amount: 1000, currency: 'EUR' });
    const notice = webhook(fake.notification(payment));
    const pending = await provider.verifyNotification(store, notice, new Date());
    expect(pending).toMatchObject({ eventType: 'refund.pending', refund: { providerReference: first.providerReference, status: 'pending', paymentReference: payment, amount: 1000 } });

    fake.setRefundStatus(payment, first.providerReference, 'refunded');
    const refunded = await provider.verifyNotification(store, notice, new Date());
    expect(refunded).toMatchObject({ eventType: 'refund.refunded', refund: { status: 'succeeded' }, payment: { status: 'succeeded' } });
    expect(refunded.eventId).not.toBe(pending.eventId);

    const second = await provider.refund(store, { providerReference: payment, refundId: randomUUID(), amount: 500, currency: 'EUR' });
    for (const [mollie, ours] of [['processing', 'pending'], ['failed', 'failed'], ['canceled', 'failed']] as const) {
      fake.setRefundStatus(payment, second.providerReference, mollie);
      expect((await provider.verifyNotification(store, notice, new Date())).refund, mollie).toMatchObject({ providerReference: second.providerReference, status: ours });
    }
  });

  it('refuses a signed notification when the store has no secret to check it with', async () => {
    const payment = await paidPayment();
    const error = await rejection(provider.verifyNotification(store, webhook(fake.notification(payment, { secret: SECRET })), new Date()));
    expect(error).toBeInstanceOf(WebhookRejected);
    expect(error).toMatchObject({ status: 401 });
  });
});

describe('notifications from a signed webhook subscription (a store with a signing secret)', () => {
  it('accepts a correctly signed notification and still reads the state from Mollie', async () => {
    const payment = await paidPayment();
    const event = fake.event('payment.paid', payment, { secret: SECRET });
    expect(event.headers['x-mollie-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const verified = await provider.verifyNotification(signedStore, webhook(event), new Date());
    expect(verified).toMatchObject({ eventType: 'payment.paid', payment: { providerReference: payment, status: 'succeeded' } });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v2/payments/${payment}` });
    const classic = await provider.verifyNotification(signedStore, webhook(fake.notification(payment, { secret: SECRET })), new Date());
    expect(classic.eventId).toBe(verified.eventId);
  });

  it('refuses unsigned, wrongly signed and altered notifications', async () => {
    const payment = await paidPayment();
    const other = await paidPayment();
    const unsigned = fake.notification(payment);
    const wrongSecret = fake.notification(payment, { secret: 'whsec_someone_else' });
    const altered = { rawBody: Buffer.from(`id=${other}`), headers: fake.notification(payment, { secret: SECRET }).headers };
    const garbage = { rawBody: unsigned.rawBody, headers: { 'x-mollie-signature': 'sha256=not-hex' } };
    const short = { rawBody: unsigned.rawBody, headers: { 'x-mollie-signature': signMollie(unsigned.rawBody, SECRET).slice(0, 40) } };
    for (const [name, notice] of Object.entries({ unsigned, wrongSecret, altered, garbage, short })) {
      const error = await rejection(provider.verifyNotification(signedStore, webhook(notice), new Date()));
      expect(error, name).toBeInstanceOf(WebhookRejected);
      expect(error, name).toMatchObject({ status: 401 });
    }
  });

  it('answers a replayed old notification with the payment’s current state', async () => {
    const { providerReference } = await provider.startPayment(signedStore, paymentRequest());
    fake.setPaymentStatus(providerReference, 'pending');
    const old = fake.event('payment.pending', providerReference, { secret: SECRET });
    fake.setPaymentStatus(providerReference, 'failed');
    const replayed = await provider.verifyNotification(signedStore, webhook(old), new Date());
    expect(replayed).toMatchObject({ eventType: 'payment.failed', payment: { status: 'failed' } });
  });

  it('reports the refund a refund event names, which needs the full payload', async () => {
    const payment = await paidPayment(3000);
    const older = await provider.refund(signedStore, { providerReference: payment, refundId: randomUUID(), amount: 1000, currency: 'EUR' });
    await provider.refund(signedStore, { providerReference: payment, refundId: randomUUID(), amount: 1000, currency: 'EUR' });
    fake.setRefundStatus(payment, older.providerReference, 'refunded');
    const event = fake.event('refund.refunded', older.providerReference, { secret: SECRET });
    expect(await provider.verifyNotification(signedStore, webhook(event), new Date())).toMatchObject({
      eventType: 'refund.refunded', refund: { providerReference: older.providerReference, status: 'succeeded', paymentReference: payment, amount: 1000 },
    });
    const bare = fake.event('refund.refunded', older.providerReference, { secret: SECRET, fullPayload: false });
    await expect(provider.verifyNotification(signedStore, webhook(bare), new Date())).rejects.toMatchObject({ status: 400 });
  });
});

describe('notifications that name nothing we can read', () => {
  it('are refused as malformed when they carry no payment id', async () => {
    for (const body of ['', 'id=', 'payment=tr_abc', 'id=../../v2/payments', 'id=tr_x%2F..%2Frefunds', '{"entityId":"pl_qng5gbbv8NAZ5gpM5"}', '{not json']) {
      const error = await rejection(provider.verifyNotification(store, { rawBody: Buffer.from(body), headers: {} }, new Date()));
      expect(error, body).toBeInstanceOf(WebhookRejected);
      expect(error, body).toMatchObject({ status: 400 });
    }
  });

  it('are refused when Mollie knows no such payment for the store', async () => {
    await expect(provider.verifyNotification(store, webhook(fake.notification('tr_doesnotexist')), new Date())).rejects.toMatchObject({ status: 400 });
  });

  it('are refused when the payment belongs to another store’s Mollie account', async () => {
    const theirs = await paidPayment();
    const otherStore = { apiKey: fake.newAccount(), webhookSecret: null };
    await expect(provider.verifyNotification(otherStore, webhook(fake.notification(theirs)), new Date())).rejects.toMatchObject({ status: 400 });
    await expect(provider.fetchPayment(otherStore, theirs)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('fail as an outage, not as a refusal, when Mollie cannot answer, so Mollie sends them again', async () => {
    const payment = await paidPayment();
    fake.answerNext(500, 'Internal error');
    const error = await rejection(provider.verifyNotification(store, webhook(fake.notification(payment)), new Date()));
    expect(error).toBeInstanceOf(MollieUnavailable);
    expect(error).not.toBeInstanceOf(WebhookRejected);
  });
});
