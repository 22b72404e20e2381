/**
 * Worked examples: tax, rounding and shipping. Every expected figure is worked out by hand in the
 * comment above it; amounts are minor units (cents, yen, fils).
 */
import { describe, expect, it } from 'vitest';
import { bahrainiStore, cart, discount, dutchStore, flatRate, japaneseStore, line, money, percentOff, amountOff, usStore } from './pricing.fixtures.ts';
import type { ShippingMethod } from './pricing.types.ts';
import { computeTotals } from './totals.ts';

const usd = (amount: number) => money(amount, 'USD');

describe('tax-inclusive and tax-exclusive stores', () => {
  it('extracts 21 % from a tax-inclusive price', () => {
    // 2 × 12.10 = 24.20 gross; tax 2420 × 21/121 = 420; net 2000
    const t = computeTotals(cart(dutchStore, [line(1210, 2)]));
    expect(t.lines[0]).toMatchObject({ subtotal: money(2420), discount: money(0), tax: money(420), total: money(2420) });
    expect(t.taxBreakdown).toEqual([{ taxRatePpm: 210_000, taxClasses: ['standard'], taxableAmount: money(2000), tax: money(420) }]);
    expect(t.grandTotal).toEqual(money(2420));
  });

  it('adds 7.25 % on top of a tax-exclusive price', () => {
    // 3 × 19.99 = 59.97; tax 5997 × 0.0725 = 434.7825 → 435; total 5997 + 435 = 6432
    const t = computeTotals(cart(usStore, [line(1999, 3, { currency: 'USD' })]));
    expect(t.lines[0]).toMatchObject({ subtotal: usd(5997), tax: usd(435), total: usd(6432) });
    expect([t.subtotal, t.taxTotal, t.grandTotal]).toEqual([usd(5997), usd(435), usd(6432)]);
  });

  it('taxes several rates in one cart and breaks the tax down per rate', () => {
    // 10.00 at 21 %: 1000 × 21/121 = 173.55 → 174 (net 826)
    // 5.45 at 9 %:   545 × 9/109 = 45 (net 500)
    // 3 × 1.00 at 0 %: 0 (net 300)
    const t = computeTotals(cart(dutchStore, [line(1000), line(545, 1, { taxClass: 'reduced' }), line(100, 3, { taxClass: 'zero' })]));
    expect(t.lines.map((l) => l.tax.amount)).toEqual([174, 45, 0]);
    expect(t.taxBreakdown).toEqual([
      { taxRatePpm: 210_000, taxClasses: ['standard'], taxableAmount: money(826), tax: money(174) },
      { taxRatePpm: 90_000, taxClasses: ['reduced'], taxableAmount: money(500), tax: money(45) },
      { taxRatePpm: 0, taxClasses: ['zero'], taxableAmount: money(300), tax: money(0) },
    ]);
    // 1000 + 545 + 300 = 1845, tax 174 + 45 + 0 = 219 included
    expect([t.subtotal, t.taxTotal, t.grandTotal]).toEqual([money(1845), money(219), money(1845)]);
  });

  it('puts two tax classes with the same rate in one breakdown entry', () => {
    const store = { ...usStore, taxRates: { ...usStore.taxRates, clothing: 72_500 } };
    // 10.00 × 0.0725 = 72.5 → 73 each; one entry: taxable 2000, tax 146
    const t = computeTotals(cart(store, [line(1000, 1, { currency: 'USD' }), line(1000, 1, { currency: 'USD', taxClass: 'clothing' })]));
    expect(t.taxBreakdown).toEqual([{ taxRatePpm: 72_500, taxClasses: ['standard', 'clothing'], taxableAmount: usd(2000), tax: usd(146) }]);
  });
});

describe('rounding per line', () => {
  it('rounds exact half cents away from zero', () => {
    // 2.00 × 7.25 % = 14.5 → 15; 0.20 × 7.5 % = 1.5 → 2; 0.60 × 7.5 % = 4.5 → 5
    const t = computeTotals(cart(usStore, [line(200, 1, { currency: 'USD' }), line(20, 1, { currency: 'USD', taxClass: 'prepared' }), line(60, 1, { currency: 'USD', taxClass: 'prepared' })]));
    expect(t.lines.map((l) => l.tax.amount)).toEqual([15, 2, 5]);
    // 280 + 22 = 302
    expect([t.taxTotal, t.grandTotal]).toEqual([usd(22), usd(302)]);
  });

  it('rounds each line, never the sum', () => {
    // three lines of 0.20 at 7.5 %: 1.5 → 2 each = 6; rounding the sum would give 60 × 0.075 = 4.5 → 5
    const t = computeTotals(cart(usStore, [1, 2, 3].map(() => line(20, 1, { currency: 'USD', taxClass: 'prepared' }))));
    expect(t.taxTotal).toEqual(usd(6));
    expect(t.taxBreakdown[0]).toMatchObject({ taxableAmount: usd(60), tax: usd(6) });
  });

  it('adds up many small lines from their own rounded taxes', () => {
    // 20 lines of 0.05 incl. 21 %: 5 × 21/121 = 0.87 → 1 each = 20 (on the sum: 100 × 21/121 = 17.36 → 17)
    const t = computeTotals(cart(dutchStore, Array.from({ length: 20 }, () => line(5))));
    expect(t.lines.every((l) => l.tax.amount === 1 && l.total.amount === 5)).toBe(true);
    expect([t.taxTotal, t.grandTotal]).toEqual([money(20), money(100)]);
    // 10 lines of 0.06 plus 7.25 %: 0.435 → 0 each, so no tax at all
    const us = computeTotals(cart(usStore, Array.from({ length: 10 }, () => line(6, 1, { currency: 'USD' }))));
    expect([us.taxTotal, us.grandTotal]).toEqual([usd(0), usd(60)]);
  });

  it('works in yen, a currency without decimals', () => {
    // ¥1980 incl. 10 %: 1980 × 10/110 = 180; 3 × ¥398 = ¥1194 incl. 8 %: 1194 × 8/108 = 88.44 → 88
    const t = computeTotals(cart(japaneseStore, [line(1980, 1, { currency: 'JPY' }), line(398, 3, { currency: 'JPY', taxClass: 'reduced' })]));
    expect(t.lines.map((l) => l.tax.amount)).toEqual([180, 88]);
    expect(t.taxBreakdown.map((b) => [b.taxRatePpm, b.taxableAmount.amount, b.tax.amount])).toEqual([
      [100_000, 1800, 180],
      [80_000, 1106, 88],
    ]);
    // 1980 + 1194 = 3174
    expect(t.grandTotal).toEqual(money(3174, 'JPY'));
  });

  it('works in dinars with three decimals (fils)', () => {
    // 2 × 1.255 BD = 2510 fils, 10 % = 251; 0.125 BD = 125 fils, 10 % = 12.5 → 13
    const t = computeTotals(cart(bahrainiStore, [line(1255, 2, { currency: 'BHD' }), line(125, 1, { currency: 'BHD' })]));
    expect(t.lines.map((l) => l.tax.amount)).toEqual([251, 13]);
    // 2635 + 264 = 2899 fils = 2.899 BD
    expect([t.subtotal, t.taxTotal, t.grandTotal]).toEqual([money(2635, 'BHD'), money(264, 'BHD'), money(2899, 'BHD')]);
  });

  it('stays exact for amounts near the largest safe integer', () => {
    // 8470000000000121 incl. 21 %: × 21/121 = 1470000000000021 exactly
    const t = computeTotals(cart(dutchStore, [line(8_470_000_000_000_121)]));
    expect(t.taxTotal).toEqual(money(1_470_000_000_000_021));
    expect(t.grandTotal).toEqual(money(8_470_000_000_000_121));
  });
});

describe('shipping', () => {
  it('taxes a flat rate with the shipping tax class, inclusive', () => {
    // line 20.00: 2000 × 21/121 = 347.11 → 347; shipping 4.95: 495 × 21/121 = 85.91 → 86
    const t = computeTotals(cart(dutchStore, [line(2000)], { shippingMethod: flatRate(495) }));
    expect(t.shipping).toMatchObject({ kind: 'flat_rate', price: money(495), codFee: money(0), discount: money(0), tax: money(86), total: money(495) });
    // 2000 + 495 = 2495; tax 347 + 86 = 433; net at 21 %: 1653 + 409 = 2062
    expect([t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([money(495), money(433), money(2495)]);
    expect(t.taxBreakdown).toEqual([{ taxRatePpm: 210_000, taxClasses: ['standard'], taxableAmount: money(2062), tax: money(433) }]);
  });

  it('adds tax on a flat rate, exclusive', () => {
    // line 30.00 × 7.25 % = 217.5 → 218; shipping 5.00 × 7.25 % = 36.25 → 36
    const t = computeTotals(cart(usStore, [line(3000, 1, { currency: 'USD' })], { shippingMethod: flatRate(500, 'USD') }));
    expect(t.shipping).toMatchObject({ price: usd(500), tax: usd(36), total: usd(536) });
    // subtotal 3000 + shipping 500 + tax 254 = 3754 = line 3218 + shipping 536
    expect([t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([usd(500), usd(254), usd(3754)]);
  });

  it('is free from a threshold on the subtotal', () => {
    const method: ShippingMethod = { id: 'std', kind: 'free_above', price: money(495), freeFrom: money(5000) };
    // 49.99 < 50.00: shipping 4.95 is charged → 5494
    expect(computeTotals(cart(dutchStore, [line(4999)], { shippingMethod: method })).grandTotal).toEqual(money(5494));
    // 50.00 reaches 50.00: shipping 0 → 5000
    const free = computeTotals(cart(dutchStore, [line(5000)], { shippingMethod: method }));
    expect(free.shipping).toMatchObject({ price: money(0), tax: money(0), total: money(0) });
    expect(free.grandTotal).toEqual(money(5000));
  });

  it('measures the threshold on the subtotal after discounts', () => {
    const method: ShippingMethod = { id: 'std', kind: 'free_above', price: money(495), freeFrom: money(5000) };
    // 55.00 − 10 % (5.50) = 49.50 < 50.00, so shipping 4.95 is charged
    // tax: 4950 × 21/121 = 859.09 → 859; 495 × 21/121 = 85.91 → 86
    const t = computeTotals(cart(dutchStore, [line(5500)], { shippingMethod: method, discounts: [discount('summer', percentOff(100_000))] }));
    expect(t.shipping?.price).toEqual(money(495));
    // 4950 + 495 = 5445; tax 859 + 86 = 945
    expect([t.discountTotal, t.taxTotal, t.grandTotal]).toEqual([money(550), money(945), money(5445)]);
  });

  it('charges nothing for local pickup and leaves it out of the breakdown', () => {
    // 10.00 × 7.25 % = 72.5 → 73; pickup 0 → 1073
    const t = computeTotals(cart(usStore, [line(1000, 1, { currency: 'USD' })], { shippingMethod: { id: 'shop', kind: 'local_pickup' } }));
    expect(t.shipping).toMatchObject({ kind: 'local_pickup', price: usd(0), tax: usd(0), total: usd(0) });
    expect(t.taxBreakdown).toEqual([{ taxRatePpm: 72_500, taxClasses: ['standard'], taxableAmount: usd(1000), tax: usd(73) }]);
    expect(t.grandTotal).toEqual(usd(1073));
  });

  it('adds the cash-on-delivery fee to the shipping price and taxes both', () => {
    // line 10.00 incl. 21 %: 174; COD 5.95 + fee 2.00 = 7.95: 795 × 21/121 = 137.98 → 138
    const cod: ShippingMethod = { id: 'cod', kind: 'cash_on_delivery', price: money(595), codFee: money(200) };
    const t = computeTotals(cart(dutchStore, [line(1000)], { shippingMethod: cod }));
    expect(t.shipping).toMatchObject({ price: money(595), codFee: money(200), tax: money(138), total: money(795) });
    // 1000 + 795 = 1795; tax 174 + 138 = 312
    expect([t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([money(795), money(312), money(1795)]);
  });

  it('prices a cart without a shipping method yet', () => {
    const t = computeTotals(cart(dutchStore, [line(1000)]));
    expect(t.shipping).toBeNull();
    expect(t.shippingTotal).toEqual(money(0));
  });

  it('caps a fixed discount larger than the subtotal and still charges shipping', () => {
    // 10.00 + 5.00 = 15.00 with 20.00 off → 15.00 off (1000 and 500), lines 0, their tax 0
    // shipping 4.95 incl. 21 % = 86 tax; grand 495
    const t = computeTotals(cart(dutchStore, [line(1000), line(500, 1, { taxClass: 'reduced' })], { shippingMethod: flatRate(495), discounts: [discount('big', amountOff(2000))] }));
    expect(t.lines.map((l) => [l.discount.amount, l.tax.amount, l.total.amount])).toEqual([
      [1000, 0, 0],
      [500, 0, 0],
    ]);
    expect(t.appliedDiscounts).toEqual([{ discountId: 'big', code: null, kind: 'fixed_amount', amount: money(1500) }]);
    expect([t.discountTotal, t.taxTotal, t.grandTotal]).toEqual([money(1500), money(86), money(495)]);
  });
});

describe('the side-by-side example in docs/totals.md', () => {
  it('prices the cart in a tax-inclusive store', () => {
    // 2 × 12.10 = 24.20 − 10 % (2.42) = 21.78: 2178 × 21/121 = 378; shipping 4.95: 86 → 2178 + 495 = 2673
    const t = computeTotals(cart(dutchStore, [line(1210, 2)], { shippingMethod: flatRate(495), discounts: [discount('ten', percentOff(100_000), { code: 'TEN' })] }));
    expect([t.subtotal, t.discountTotal, t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([money(2420), money(242), money(495), money(464), money(2673)]);
  });

  it('prices the cart in a tax-exclusive store', () => {
    // 2 × 10.00 = 20.00 − 10 % = 18.00, tax 130.5 → 131; shipping 5.00, tax 36.25 → 36 → 1800 + 131 + 500 + 36 = 2467
    const t = computeTotals(cart(usStore, [line(1000, 2, { currency: 'USD' })], { shippingMethod: flatRate(500, 'USD'), discounts: [discount('ten', percentOff(100_000), { code: 'TEN' })] }));
    expect([t.subtotal, t.discountTotal, t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([usd(2000), usd(200), usd(500), usd(167), usd(2467)]);
  });

  it('lists free shipping on a pickup order as applied, saving nothing', () => {
    const t = computeTotals(cart(dutchStore, [line(1000)], { shippingMethod: { id: 'shop', kind: 'local_pickup' }, discounts: [discount('ship', { kind: 'free_shipping' })] }));
    expect(t.appliedDiscounts).toEqual([{ discountId: 'ship', code: null, kind: 'free_shipping', amount: money(0) }]);
    expect(t.grandTotal).toEqual(money(1000));
  });
});
