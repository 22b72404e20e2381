import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebhookRejected } from './payment-provider.ts';
import { intentStatusOf, notificationOf, refundStatusOf } from './stripe-mapping.ts';

const intent = { id: 'pi_1', object: 'payment_intent', amount: 2420, amount_received: 0, currency: 'eur', status: 'requires_payment_method', metadata: { payment_id: 'p-1' }, last_payment_error: null };
const event = (type: string, object: unknown) => ({ id: 'evt_1', object: 'event', type, data: { object } });

describe('Stripe mapping', () => {
  it("reads Stripe's intent statuses as ours", () => {
    expect(intentStatusOf({ status: 'requires_payment_method', last_payment_error: null })).toBe('pending');
    expect(intentStatusOf({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } })).toBe('failed');
    expect(intentStatusOf({ status: 'processing' })).toBe('pending');
    expect(intentStatusOf({ status: 'requires_action' })).toBe('requires_action');
    expect(intentStatusOf({ status: 'requires_capture' })).toBe('authorized');
    expect(intentStatusOf({ status: 'succeeded' })).toBe('succeeded');
    expect(intentStatusOf({ status: 'canceled' })).toBe('cancelled');
    expect([refundStatusOf('succeeded'), refundStatusOf('canceled'), refundStatusOf('requires_action'), refundStatusOf(null)]).toEqual(['succeeded', 'failed', 'pending', 'pending']);
  });

  it('reduces a payment_intent event to the payment state, currency upper-cased and our id from the metadata', () => {
    const n = notificationOf(event('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: 2420 }));
    expect(n).toEqual({
      eventId: 'evt_1', eventType: 'payment_intent.succeeded', refund: null,
      payment: { providerReference: 'pi_1', status: 'succeeded', amount: 2420, currency: 'EUR', capturedAmount: 2420, paymentId: 'p-1', failureCode: null, failureMessage: null },
    });
    const failed = notificationOf(event('payment_intent.payment_failed', { ...intent, last_payment_error: { code: 'card_declined', decline_code: 'expired_card', message: 'Your card has expired.' } }));
    expect(failed.payment).toMatchObject({ status: 'failed', failureCode: 'expired_card', failureMessage: 'Your card has expired.' });
  });

  it('reads refunds from refund.* events and from the newest refund a charge.refunded lists', () => {
    const refund = { id: 're_1', object: 'refund', amount: 500, currency: 'eur', status: 'succeeded', payment_intent: 'pi_1' };
    expect(notificationOf(event('refund.updated', refund)).refund).toEqual({ providerReference: 're_1', status: 'succeeded', paymentReference: 'pi_1', amount: 500 });
    const charge = { id: 'ch_1', object: 'charge', payment_intent: 'pi_1', refunds: { object: 'list', data: [refund, { ...refund, id: 're_0' }] } };
    expect(notificationOf(event('charge.refunded', charge)).refund?.providerReference).toBe('re_1');
    expect(notificationOf(event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' }))).toMatchObject({ payment: null, refund: null });
  });

  it('ignores event types it does not use, and refuses malformed ones (400)', () => {
    expect(notificationOf(event('customer.created', { id: 'cus_1' }))).toMatchObject({ payment: null, refund: null });
    expect(notificationOf(event('payment_intent.created', intent))).toMatchObject({ payment: null, refund: null });
    for (const bad of [{}, { id: 'evt_1', type: 'payment_intent.succeeded' }, event('payment_intent.succeeded', { id: 'pi_1' }), event('refund.updated', { id: 're_1', amount: 5 })]) {
      expect(() => notificationOf(bad)).toThrow(WebhookRejected);
    }
  });

  it('loads the Stripe SDK only on first use: nothing in src imports it statically (idle memory)', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /^import\s+(?!type\b)[^;]*from\s+['"]stripe['"]/m.test(readFileSync(path.join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
