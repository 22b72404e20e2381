import { describe, expect, it } from 'vitest';
import type { Discount, ShippingMethod } from '../pricing/index.ts';
import { repriceOrder, type RepricingInput, type SoldLine } from './order-repricing.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const PLACED = new Date('2025-06-01T12:00:00Z');
const post: ShippingMethod = { id: 'post', kind: 'flat_rate', price: eur(495) };
const mug = (quantity: number, more: Partial<SoldLine> = {}): SoldLine => ({
  id: 'mug-line', productId: 'mug', categoryIds: [], taxClass: 'standard', taxRatePpm: 210_000, unitPriceAmount: 1210, quantity, ...more,
});
/** A Dutch order (prices include tax) whose standard rate was 21 % at checkout. */
const dutch = (more: Partial<RepricingInput>): RepricingInput => ({
  currency: 'EUR', pricesIncludeTax: true, taxRates: { standard: 210_000 }, shippingTaxClass: 'standard', sold: [], added: [], shippingMethod: post, discounts: [], placedAt: PLACED, ...more,
});
const tenPercentFrom = (minimum: number, more: Partial<Discount> = {}): Discount =>
  ({ id: 'ten', code: 'TEN', combinable: true, kind: 'percentage', ratePpm: 100_000, minimumSubtotal: eur(minimum), ...more }) as Discount;

describe('re-pricing an edited order', () => {
  it('keeps a sold line at its price and rate when its quantity changes, and prices an added line at today’s rate of its class', () => {
    // The store lowered its standard rate to 9 % after the order was placed.
    const { totals } = repriceOrder(
      dutch({ taxRates: { standard: 90_000 }, sold: [mug(3)], added: [{ id: 'plate-line', productId: 'plate', categoryIds: [], taxClass: 'standard', unitPriceAmount: 500, quantity: 1 }] }),
    );
    expect(totals.lines).toMatchObject([
      // 3 × 12.10 = 36.30 at the sold 21 %: 36.30 × 21/121 = 6.30.
      { lineId: 'mug-line', taxClass: 'standard', taxRatePpm: 210_000, subtotal: eur(3630), tax: eur(630), total: eur(3630) },
      // 5.00 at today's 9 %: 5.00 × 9/109 = 0.4128… → 0.41.
      { lineId: 'plate-line', taxClass: 'standard', taxRatePpm: 90_000, subtotal: eur(500), tax: eur(41), total: eur(500) },
    ]);
    // Shipping 4.95 at today's 9 %: 0.4087… → 0.41.
    expect(totals.shipping).toMatchObject({ price: eur(495), tax: eur(41), total: eur(495) });
    expect(totals.grandTotal).toEqual(eur(4625));
    expect(totals.taxTotal).toEqual(eur(712));
    expect(totals.taxBreakdown).toEqual([
      { taxRatePpm: 210_000, taxClasses: ['standard'], taxableAmount: eur(3000), tax: eur(630) },
      { taxRatePpm: 90_000, taxClasses: ['standard'], taxableAmount: eur(913), tax: eur(82) },
    ]);
  });

  it('re-applies the order’s discount while its minimum is met, and drops it once it is not', () => {
    const kept = repriceOrder(dutch({ sold: [mug(2)], discounts: [tenPercentFrom(2000)] }));
    expect(kept.droppedDiscountIds).toEqual([]);
    expect(kept.totals.appliedDiscounts).toEqual([{ discountId: 'ten', code: 'TEN', kind: 'percentage', amount: eur(242) }]);
    // 24.20 − 2.42 + 4.95 = 26.73
    expect(kept.totals.grandTotal).toEqual(eur(2673));

    const dropped = repriceOrder(dutch({ sold: [mug(1)], discounts: [tenPercentFrom(2000)] }));
    expect(dropped.droppedDiscountIds).toEqual(['ten']);
    expect(dropped.totals.appliedDiscounts).toEqual([]);
    expect(dropped.totals.discountsNotApplied).toEqual([{ discountId: 'ten', code: 'TEN', reason: 'minimum_not_met' }]);
    expect(dropped.totals.grandTotal).toEqual(eur(1210 + 495));
  });

  it('judges a discount’s window at the moment the order was placed, so one that expired since still holds', () => {
    const expiredSince = tenPercentFrom(0, { endsAt: new Date(PLACED.getTime() + 60_000) });
    const { totals, droppedDiscountIds } = repriceOrder(dutch({ sold: [mug(2)], discounts: [expiredSince] }));
    expect(droppedDiscountIds).toEqual([]);
    expect(totals.discountTotal).toEqual(eur(242));
  });

  it('drops an item discount whose products all left the order', () => {
    const onMugs = tenPercentFrom(0, { scope: { kind: 'items', productIds: ['mug'], categoryIds: [] } });
    const { droppedDiscountIds, totals } = repriceOrder(dutch({ sold: [mug(1, { id: 'cup-line', productId: 'cup', unitPriceAmount: 800 })], discounts: [onMugs] }));
    expect(droppedDiscountIds).toEqual(['ten']);
    expect(totals.discountsNotApplied).toEqual([{ discountId: 'ten', code: 'TEN', reason: 'nothing_in_scope' }]);
  });

  it('prices shipping by the method as it is now: a free-above threshold is met or lost with the edited lines', () => {
    const freeAbove: ShippingMethod = { id: 'free-50', kind: 'free_above', price: eur(495), freeFrom: eur(5000) };
    expect(repriceOrder(dutch({ sold: [mug(2)], shippingMethod: freeAbove })).totals.shippingTotal).toEqual(eur(495));
    expect(repriceOrder(dutch({ sold: [mug(5)], shippingMethod: freeAbove })).totals.shippingTotal).toEqual(eur(0));
    const courier: ShippingMethod = { id: 'cod', kind: 'cash_on_delivery', price: eur(600), codFee: eur(200) };
    expect(repriceOrder(dutch({ sold: [mug(2)], shippingMethod: courier })).totals).toMatchObject({ shippingTotal: eur(800), grandTotal: eur(3220) });
  });

  it('adds tax on top in a store whose order was priced without tax, each line at its own rate', () => {
    const { totals } = repriceOrder({
      ...dutch({}),
      currency: 'USD',
      pricesIncludeTax: false,
      taxRates: { standard: 80_000 },
      sold: [mug(2, { unitPriceAmount: 1000, taxRatePpm: 72_500 })],
      shippingMethod: { id: 'ground', kind: 'flat_rate', price: { amount: 500, currency: 'USD' } },
    });
    // 20.00 + 7.25 % = 21.45; shipping 5.00 + today's 8 % = 5.40.
    expect(totals.lines[0]).toMatchObject({ taxRatePpm: 72_500, tax: { amount: 145 }, total: { amount: 2145 } });
    expect(totals.shipping).toMatchObject({ tax: { amount: 40 }, total: { amount: 540 } });
    expect(totals.grandTotal).toEqual({ amount: 2685, currency: 'USD' });
  });

  it('never shows the stand-in class it prices sold lines under', () => {
    const { totals } = repriceOrder(dutch({ sold: [mug(1), mug(1, { id: 'book-line', productId: 'book', taxClass: 'reduced', taxRatePpm: 90_000, unitPriceAmount: 1090 })] }));
    const classes = [...totals.lines.map((l) => l.taxClass), ...totals.taxBreakdown.flatMap((e) => e.taxClasses)];
    expect(new Set(classes)).toEqual(new Set(['standard', 'reduced']));
  });
});
