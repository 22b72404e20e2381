import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { amountOff, cart, discount, dutchStore, flatRate, line, money, percentOff } from './pricing.fixtures.ts';
import type { PricingInput } from './pricing.types.ts';
import { computeTotals } from './totals.ts';

/** The code and field paths of the DomainError that pricing `input` throws. */
function refusal(input: PricingInput): { code: string; paths: string[] } {
  try {
    computeTotals(input);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, paths: (err.fields ?? []).map((f) => f.path) };
    throw err;
  }
  throw new Error('expected the input to be refused');
}

describe('input the engine refuses', () => {
  it('names each line whose price is in another currency', () => {
    const input = cart(dutchStore, [line(100), line(100, 1, { currency: 'USD' }), line(100, 1, { currency: 'eur' })]);
    expect(refusal(input)).toEqual({ code: 'PRICING_CURRENCY_MISMATCH', paths: ['lines.1.unitPrice.currency', 'lines.2.unitPrice.currency'] });
  });

  it('names the shipping price, threshold or COD fee in another currency', () => {
    expect(refusal(cart(dutchStore, [line(100)], { shippingMethod: flatRate(495, 'USD') })).paths).toEqual(['shippingMethod.price.currency']);
    const freeAbove = { id: 'std', kind: 'free_above' as const, price: money(495), freeFrom: money(5000, 'GBP') };
    expect(refusal(cart(dutchStore, [line(100)], { shippingMethod: freeAbove }))).toEqual({ code: 'PRICING_CURRENCY_MISMATCH', paths: ['shippingMethod.freeFrom.currency'] });
    const cod = { id: 'cod', kind: 'cash_on_delivery' as const, price: money(595), codFee: money(200, 'USD') };
    expect(refusal(cart(dutchStore, [line(100)], { shippingMethod: cod })).paths).toEqual(['shippingMethod.codFee.currency']);
  });

  it('wants quantities that are positive whole numbers', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal(cart(dutchStore, [line(100, quantity)])), String(quantity)).toEqual({ code: 'PRICING_INPUT_INVALID', paths: ['lines.0.quantity'] });
    }
  });

  it('wants prices and amounts that are non-negative whole minor units', () => {
    for (const amount of [-1, 12.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(refusal(cart(dutchStore, [line(amount)])), String(amount)).toEqual({ code: 'PRICING_INPUT_INVALID', paths: ['lines.0.unitPrice.amount'] });
    }
    expect(refusal(cart(dutchStore, [line(100)], { shippingMethod: flatRate(-5) })).paths).toEqual(['shippingMethod.price.amount']);
    expect(refusal(cart(dutchStore, [line(100)], { discounts: [discount('d', amountOff(0.5))] })).paths).toEqual(['discounts.0.amount.amount']);
  });

  it('wants rates in millionths between 0 and 100 %', () => {
    const store = { ...dutchStore, taxRates: { standard: 0.21, reduced: 90_000 } };
    expect(refusal(cart(store, [line(100)]))).toEqual({ code: 'PRICING_INPUT_INVALID', paths: ['store.taxRates.standard'] });
    expect(refusal(cart(dutchStore, [line(100)], { discounts: [discount('d', percentOff(1_000_001))] })).paths).toEqual(['discounts.0.ratePpm']);
  });

  it('refuses a tax class that has no rate rather than taxing it at zero', () => {
    expect(refusal(cart(dutchStore, [line(100, 1, { taxClass: 'luxury' })]))).toEqual({ code: 'PRICING_TAX_RATE_MISSING', paths: ['lines.0.taxClass'] });
    const store = { ...dutchStore, shippingTaxClass: 'transport' };
    expect(refusal(cart(store, [line(100)], { shippingMethod: flatRate(495) }))).toEqual({ code: 'PRICING_TAX_RATE_MISSING', paths: ['store.shippingTaxClass'] });
  });

  it('refuses the same discount twice, bad dates and a bad time', () => {
    const d = discount('d', percentOff(100_000));
    expect(refusal(cart(dutchStore, [line(100)], { discounts: [d, d] })).paths).toEqual(['discounts.1.id']);
    expect(refusal(cart(dutchStore, [line(100)], { discounts: [discount('e', percentOff(1), { endsAt: new Date('nope') })] })).paths).toEqual(['discounts.0.endsAt']);
    expect(refusal(cart(dutchStore, [line(100)], { now: new Date(Number.NaN) })).paths).toEqual(['now']);
  });

  it('says when a total goes beyond the largest amount it can hold', () => {
    // 2 × 5000000000000000 = 10^16 > 2^53 − 1
    expect(refusal(cart(dutchStore, [line(5_000_000_000_000_000, 2)]))).toEqual({ code: 'PRICING_AMOUNT_TOO_LARGE', paths: ['lines.0.subtotal'] });
  });
});
