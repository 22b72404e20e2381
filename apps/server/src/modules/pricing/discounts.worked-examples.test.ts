/**
 * Worked examples: discount kinds, conditions, scopes and stacking. Every expected figure is
 * worked out by hand in the comment above it; amounts are minor units.
 */
import { describe, expect, it } from 'vitest';
import { amountOff, cart, discount, dutchStore, flatRate, freeShipping, line, money, NOW, percentOff, usStore } from './pricing.fixtures.ts';
import type { ShippingMethod } from './pricing.types.ts';
import { computeTotals } from './totals.ts';

const zeroRated = (unitPrice: number, more = {}) => line(unitPrice, 1, { taxClass: 'zero', ...more });
const reasons = (t: ReturnType<typeof computeTotals>) => t.discountsNotApplied.map((d) => [d.discountId, d.reason]);
const applied = (t: ReturnType<typeof computeTotals>) => t.appliedDiscounts.map((d) => [d.discountId, d.amount.amount]);

describe('discount kinds', () => {
  it('rounds a percentage on each line', () => {
    // 10 % of 0.05 = 0.5 → 1 on each of three lines = 3 (on the sum: 1.5 → 2)
    // each line 5 − 1 = 4 incl. 21 %: 4 × 21/121 = 0.69 → 1
    const t = computeTotals(cart(dutchStore, [line(5), line(5), line(5)], { discounts: [discount('ten', percentOff(100_000))] }));
    expect(t.lines.map((l) => [l.discount.amount, l.tax.amount, l.total.amount])).toEqual([
      [1, 1, 4],
      [1, 1, 4],
      [1, 1, 4],
    ]);
    expect([t.discountTotal, t.taxTotal, t.grandTotal]).toEqual([money(3), money(3), money(12)]);
  });

  it('splits a fixed amount by largest remainder, ties to the first line', () => {
    // 10.00 over three lines of 10.00: 333.33 each → 333 + the leftover unit to the first line
    const t = computeTotals(cart(dutchStore, [zeroRated(1000), zeroRated(1000), zeroRated(1000)], { discounts: [discount('tenner', amountOff(1000))] }));
    expect(t.lines.map((l) => l.discount.amount)).toEqual([334, 333, 333]);
    // 3000 − 1000 = 2000
    expect(t.grandTotal).toEqual(money(2000));
  });

  it('gives the leftover unit of a fixed amount to the largest remainder', () => {
    // 1.00 over 3.33 / 3.33 / 3.34: 33.3, 33.3, 33.4 → 33, 33, 34; the shares sum to exactly 100
    const t = computeTotals(cart(dutchStore, [zeroRated(333), zeroRated(333), zeroRated(334)], { discounts: [discount('euro', amountOff(100))] }));
    expect(t.lines.map((l) => l.discount.amount)).toEqual([33, 33, 34]);
    expect(t.lines.map((l) => l.total.amount)).toEqual([300, 300, 300]);
  });

  it('takes tax from each line after its share of the discount', () => {
    // 10.00 off 60.50 (21 %) + 10.90 (9 %) = 71.40: 1000 × 6050/7140 = 847.34, 1000 × 1090/7140 = 152.66
    // → 847 and 152, leftover unit to the larger remainder (.66) → 847 and 153
    // line 1: 6050 − 847 = 5203, tax 5203 × 21/121 = 903 exactly
    // line 2: 1090 − 153 = 937, tax 937 × 9/109 = 77.37 → 77
    const t = computeTotals(cart(dutchStore, [line(6050), line(1090, 1, { taxClass: 'reduced' })], { discounts: [discount('tenner', amountOff(1000))] }));
    expect(t.lines.map((l) => [l.discount.amount, l.tax.amount, l.total.amount])).toEqual([
      [847, 903, 5203],
      [153, 77, 937],
    ]);
    expect(t.taxBreakdown.map((b) => [b.taxRatePpm, b.taxableAmount.amount, b.tax.amount])).toEqual([
      [210_000, 4300, 903],
      [90_000, 860, 77],
    ]);
    // 5203 + 937 = 6140
    expect(t.grandTotal).toEqual(money(6140));
  });

  it('discounts before tax in a tax-exclusive store', () => {
    // 3 × 19.99 = 59.97 − 15 % (899.55 → 900) = 50.97; tax 5097 × 0.0725 = 369.53 → 370; total 5467
    const t = computeTotals(cart(usStore, [line(1999, 3, { currency: 'USD' })], { discounts: [discount('fifteen', percentOff(150_000))] }));
    expect(t.lines[0]).toMatchObject({ discount: money(900, 'USD'), tax: money(370, 'USD'), total: money(5467, 'USD') });
    // subtotal 5997 − discount 900 + tax 370 = 5467
    expect(t.grandTotal).toEqual(money(5467, 'USD'));
  });

  it('waives the shipping price with free shipping but keeps the cash-on-delivery fee', () => {
    // COD 5.95 + fee 2.00: free shipping waives 5.95; the fee 2.00 remains: 200 × 21/121 = 34.71 → 35
    const cod: ShippingMethod = { id: 'cod', kind: 'cash_on_delivery', price: money(595), codFee: money(200) };
    const t = computeTotals(cart(dutchStore, [line(1000)], { shippingMethod: cod, discounts: [discount('ship', freeShipping, { code: 'SHIPFREE' })] }));
    expect(t.shipping).toMatchObject({ price: money(595), codFee: money(200), discount: money(595), tax: money(35), total: money(200) });
    expect(applied(t)).toEqual([['ship', 595]]);
    // line 1000 (tax 174) + shipping 200 (tax 35) = 1200; free shipping is not in the line discounts
    expect([t.discountTotal, t.shippingTotal, t.taxTotal, t.grandTotal]).toEqual([money(0), money(200), money(209), money(1200)]);
  });

  it('sets a flat rate to zero with free shipping', () => {
    // 10.00 + 7.25 % = 10.73; shipping 5.00 waived; nothing taxed at the shipping rate
    const t = computeTotals(cart(usStore, [line(1000, 1, { currency: 'USD' })], { shippingMethod: flatRate(500, 'USD'), discounts: [discount('ship', freeShipping)] }));
    expect(t.shipping).toMatchObject({ price: money(500, 'USD'), discount: money(500, 'USD'), tax: money(0, 'USD'), total: money(0, 'USD') });
    expect(t.grandTotal).toEqual(money(1073, 'USD'));
    expect(t.taxBreakdown).toHaveLength(1);
  });

  it('never takes a line below zero, even after 100 %', () => {
    // 100 % takes the whole 20.00; the fixed 5.00 then finds nothing left and saves 0
    const t = computeTotals(cart(dutchStore, [line(2000)], { discounts: [discount('all', percentOff(1_000_000)), discount('five', amountOff(500))] }));
    expect(t.lines[0]).toMatchObject({ discount: money(2000), tax: money(0), total: money(0) });
    expect(applied(t)).toEqual([
      ['all', 2000],
      ['five', 0],
    ]);
    expect(t.grandTotal).toEqual(money(0));
  });
});

describe('conditions', () => {
  it('needs the minimum subtotal, measured before discounts', () => {
    const tenOff = discount('ten', percentOff(100_000), { minimumSubtotal: money(5000) });
    // 49.99 < 50.00 → not applied
    expect(reasons(computeTotals(cart(dutchStore, [line(4999)], { discounts: [tenOff] })))).toEqual([['ten', 'minimum_not_met']]);
    // 50.00 → 10 % = 5.00 off → 4500
    const t = computeTotals(cart(dutchStore, [line(5000)], { discounts: [tenOff] }));
    expect([t.discountTotal, t.grandTotal]).toEqual([money(500), money(4500)]);
  });

  it('applies only within its validity window: from startsAt, until before endsAt', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const discounts = [
      discount('soon', percentOff(100_000), { startsAt: at(1) }),
      discount('over', percentOff(100_000), { endsAt: NOW }),
      discount('now', percentOff(100_000), { startsAt: NOW, endsAt: at(86_400_000) }),
    ];
    const t = computeTotals(cart(dutchStore, [line(1000)], { discounts }));
    expect(reasons(t)).toEqual([
      ['soon', 'not_started'],
      ['over', 'expired'],
    ]);
    // only 'now': 10 % of 10.00 = 1.00 → 900
    expect(applied(t)).toEqual([['now', 100]]);
    expect(t.grandTotal).toEqual(money(900));
  });

  it('reports a fixed amount or minimum in another currency instead of converting it', () => {
    const t = computeTotals(
      cart(dutchStore, [line(1000)], { discounts: [discount('dollars', amountOff(500, 'USD')), discount('min-usd', percentOff(100_000), { minimumSubtotal: money(100, 'USD') })] }),
    );
    expect(reasons(t)).toEqual([
      ['dollars', 'wrong_currency'],
      ['min-usd', 'wrong_currency'],
    ]);
    expect(t.grandTotal).toEqual(money(1000));
  });
});

describe('scopes', () => {
  it('discounts only the products in scope', () => {
    // 25 % of the shoe (20.00) = 5.00; the socks (10.00) keep their price → 1500 + 1000
    const shoe = line(2000, 1, { productId: 'shoe' });
    const socks = line(1000, 1, { productId: 'socks' });
    const t = computeTotals(cart(dutchStore, [shoe, socks], { discounts: [discount('shoes', percentOff(250_000), { scope: { kind: 'items', productIds: ['shoe'], categoryIds: [] } })] }));
    expect(t.lines.map((l) => l.discount.amount)).toEqual([500, 0]);
    expect(t.lines[0]!.discounts).toEqual([{ discountId: 'shoes', amount: money(500) }]);
    expect(t.grandTotal).toEqual(money(2500));
  });

  it('splits a fixed amount over the lines of the categories in scope only', () => {
    // 5.00 over the sale lines 3.00 and 4.00 (of 7.00): 214.29 and 285.71 → 214 and 285, leftover to .71 → 286
    const lines = [zeroRated(300, { categoryIds: ['sale'] }), zeroRated(1000, { categoryIds: ['new'] }), zeroRated(400, { categoryIds: ['new', 'sale'] })];
    const t = computeTotals(cart(dutchStore, lines, { discounts: [discount('sale', amountOff(500), { scope: { kind: 'items', productIds: [], categoryIds: ['sale'] } })] }));
    expect(t.lines.map((l) => l.discount.amount)).toEqual([214, 0, 286]);
    // 1700 − 500 = 1200
    expect(t.grandTotal).toEqual(money(1200));
  });

  it('measures the minimum on the lines in scope, and says when none are', () => {
    const onHats = { kind: 'items' as const, productIds: ['hat'], categoryIds: [] };
    const hat = line(1500, 1, { productId: 'hat' });
    const discounts = [discount('hats', amountOff(300), { scope: onHats, minimumSubtotal: money(2000) })];
    // hat 15.00 < 20.00 even though the cart is 45.00
    expect(reasons(computeTotals(cart(dutchStore, [hat, line(3000)], { discounts })))).toEqual([['hats', 'minimum_not_met']]);
    expect(reasons(computeTotals(cart(dutchStore, [line(3000)], { discounts })))).toEqual([['hats', 'nothing_in_scope']]);
  });
});

describe('stacking', () => {
  const automaticTen = discount('auto-10', percentOff(100_000));
  const codeFive = discount('code-5', amountOff(500), { code: 'FIVE' });

  it('combines combinable discounts, automatic first, each on what is left', () => {
    // 100.00 − 10 % (10.00) = 90.00 − 5.00 = 85.00, whatever order they are given in
    const t = computeTotals(cart(dutchStore, [zeroRated(10_000)], { discounts: [codeFive, automaticTen] }));
    expect(applied(t)).toEqual([
      ['auto-10', 1000],
      ['code-5', 500],
    ]);
    expect([t.discountTotal, t.grandTotal]).toEqual([money(1500), money(8500)]);
  });

  it('uses an exclusive code alone when it saves more than the combination', () => {
    // exclusive 20 % = 20.00 beats 10 % + 5.00 = 15.00 → 8000
    const vip = discount('vip-20', percentOff(200_000), { code: 'VIP', combinable: false });
    const t = computeTotals(cart(dutchStore, [zeroRated(10_000)], { discounts: [automaticTen, codeFive, vip] }));
    expect(applied(t)).toEqual([['vip-20', 2000]]);
    expect(reasons(t)).toEqual([
      ['auto-10', 'not_combinable'],
      ['code-5', 'not_combinable'],
    ]);
    expect(t.grandTotal).toEqual(money(8000));
  });

  it('keeps the combination when it saves more than, or as much as, an exclusive code', () => {
    // exclusive 12 % = 12.00 < 15.00 → 8500; exclusive 15 % = 15.00 ties → the combination stays
    for (const ratePpm of [120_000, 150_000]) {
      const other = discount('other', percentOff(ratePpm), { code: 'OTHER', combinable: false });
      const t = computeTotals(cart(dutchStore, [zeroRated(10_000)], { discounts: [automaticTen, codeFive, other] }));
      expect(applied(t)).toEqual([
        ['auto-10', 1000],
        ['code-5', 500],
      ]);
      expect(reasons(t)).toEqual([['other', 'not_combinable']]);
    }
  });

  it('uses only the better of two exclusive codes', () => {
    // 10 % of 100.00 = 10.00 against 15.00 off → the 15.00 → 8500
    const a = discount('a', percentOff(100_000), { code: 'A', combinable: false });
    const b = discount('b', amountOff(1500), { code: 'B', combinable: false });
    const t = computeTotals(cart(dutchStore, [zeroRated(10_000)], { discounts: [a, b] }));
    expect(applied(t)).toEqual([['b', 1500]]);
    expect(reasons(t)).toEqual([['a', 'not_combinable']]);
  });

  it('compares what the shopper pays in the end, shipping included', () => {
    // free shipping saves 4.95; 2 % of 60.00 saves 1.20 → the exclusive free shipping wins: 6000
    const ship = discount('ship', freeShipping, { code: 'SHIP', combinable: false });
    const two = discount('two', percentOff(20_000));
    const t = computeTotals(cart(dutchStore, [line(6000)], { shippingMethod: flatRate(495), discounts: [two, ship] }));
    expect(applied(t)).toEqual([['ship', 495]]);
    expect(t.grandTotal).toEqual(money(6000));
  });
});
