/**
 * Properties that hold for every cart: many random carts from a seeded generator, so a failure
 * can be replayed by its seed.
 */
import { describe, expect, it } from 'vitest';
import type { CartLine, Discount, DiscountScope, Money, PricingInput, ShippingMethod, StorePricing, Totals } from './pricing.types.ts';
import { computeTotals } from './totals.ts';

/** mulberry32: a small, well-known 32-bit generator. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { int, pick, chance: (p: number) => next() < p };
}

const NOW = new Date('2025-06-01T12:00:00Z');
const RATES = [0, 50_000, 72_500, 75_000, 90_000, 100_000, 210_000, 255_000];
const PRODUCTS = ['p1', 'p2', 'p3', 'p4', 'p5'];
const CATEGORIES = ['c1', 'c2', 'c3'];

function randomCart(seed: number): PricingInput {
  const g = generator(seed);
  const currency = g.pick(['EUR', 'USD', 'JPY', 'KWD']);
  const m = (amount: number): Money => ({ amount, currency });
  const store: StorePricing = { currency, pricesIncludeTax: g.chance(0.5), taxRates: { a: g.pick(RATES), b: g.pick(RATES), c: g.pick(RATES) }, shippingTaxClass: g.pick(['a', 'b', 'c']) };
  const price = () => (g.chance(0.3) ? g.int(0, 99) : g.int(0, g.chance(0.1) ? 10_000_000 : 50_000));
  const lines: CartLine[] = Array.from({ length: g.int(0, 8) }, (_, i) => ({
    id: `l${i}`,
    productId: g.pick(PRODUCTS),
    categoryIds: CATEGORIES.filter(() => g.chance(0.4)),
    taxClass: g.pick(['a', 'b', 'c']),
    unitPrice: m(price()),
    quantity: g.int(1, g.chance(0.1) ? 1000 : 5),
  }));
  const methods: Array<ShippingMethod | null> = [
    null,
    { id: 's', kind: 'flat_rate', price: m(price()) },
    { id: 's', kind: 'free_above', price: m(price()), freeFrom: m(g.int(0, 100_000)) },
    { id: 's', kind: 'local_pickup' },
    { id: 's', kind: 'cash_on_delivery', price: m(price()), codFee: m(g.int(0, 500)) },
  ];
  const scope = (): DiscountScope => (g.chance(0.5) ? { kind: 'order' } : { kind: 'items', productIds: PRODUCTS.filter(() => g.chance(0.3)), categoryIds: CATEGORIES.filter(() => g.chance(0.3)) });
  const day = 86_400_000;
  const discounts: Discount[] = Array.from({ length: g.int(0, 5) }, (_, i): Discount => {
    const rules = {
      id: `d${i}`,
      code: g.chance(0.5) ? null : `CODE${i}`,
      combinable: g.chance(0.6),
      minimumSubtotal: g.chance(0.3) ? m(g.int(0, 100_000)) : null,
      startsAt: g.chance(0.2) ? new Date(NOW.getTime() + g.int(-2, 2) * day) : null,
      endsAt: g.chance(0.2) ? new Date(NOW.getTime() + g.int(-2, 2) * day) : null,
      scope: scope(),
    };
    const kind = g.int(0, 2);
    if (kind === 0) return { ...rules, kind: 'percentage', ratePpm: g.pick([1, 100_000, 125_000, 333_333, 500_000, 1_000_000]) };
    if (kind === 1) return { ...rules, kind: 'fixed_amount', amount: { amount: g.int(0, 200_000), currency: g.chance(0.9) ? currency : 'CHF' } };
    return { ...rules, kind: 'free_shipping' };
  });
  return { store, lines, shippingMethod: g.pick(methods), discounts, now: NOW };
}

const total = (list: Money[]) => list.reduce((s, x) => s + x.amount, 0);

function everyAmount(t: Totals): Money[] {
  const fromLines = t.lines.flatMap((l) => [l.subtotal, l.discount, l.tax, l.total, ...l.discounts.map((d) => d.amount)]);
  const fromShipping = t.shipping ? [t.shipping.price, t.shipping.codFee, t.shipping.discount, t.shipping.tax, t.shipping.total] : [];
  const fromBreakdown = t.taxBreakdown.flatMap((b) => [b.taxableAmount, b.tax]);
  return [t.subtotal, t.discountTotal, t.shippingTotal, t.taxTotal, t.grandTotal, ...fromLines, ...fromShipping, ...fromBreakdown, ...t.appliedDiscounts.map((d) => d.amount)];
}

const SEEDS = Array.from({ length: 2000 }, (_, i) => i + 1);

describe('totals of random carts', () => {
  it('add up: lines + shipping = grand total, and subtotal − discount + shipping (+ tax) = grand total', () => {
    for (const seed of SEEDS) {
      const input = randomCart(seed);
      const t = computeTotals(input);
      const shippingTotal = t.shipping?.total.amount ?? 0;
      expect(total(t.lines.map((l) => l.total)) + shippingTotal, `seed ${seed}`).toBe(t.grandTotal.amount);
      const taxOnTop = t.pricesIncludeTax ? 0 : t.taxTotal.amount;
      expect(t.subtotal.amount - t.discountTotal.amount + t.shippingTotal.amount + taxOnTop, `seed ${seed}`).toBe(t.grandTotal.amount);
      expect(total(t.lines.map((l) => l.subtotal)), `seed ${seed}`).toBe(t.subtotal.amount);
    }
  });

  it('break tax down so that it sums to the tax total, and taxable + tax = grand total', () => {
    for (const seed of SEEDS) {
      const t = computeTotals(randomCart(seed));
      expect(total(t.taxBreakdown.map((b) => b.tax)), `seed ${seed}`).toBe(t.taxTotal.amount);
      expect(total(t.lines.map((l) => l.tax)) + (t.shipping?.tax.amount ?? 0), `seed ${seed}`).toBe(t.taxTotal.amount);
      expect(total(t.taxBreakdown.map((b) => b.taxableAmount)) + t.taxTotal.amount, `seed ${seed}`).toBe(t.grandTotal.amount);
    }
  });

  it('never go negative, and discounts never exceed what they discount', () => {
    for (const seed of SEEDS) {
      const input = randomCart(seed);
      const t = computeTotals(input);
      expect(everyAmount(t).filter((m) => !Number.isSafeInteger(m.amount) || m.amount < 0), `seed ${seed}`).toEqual([]);
      const overDiscounted = t.lines.filter((l) => l.discount.amount > l.subtotal.amount || total(l.discounts.map((d) => d.amount)) !== l.discount.amount);
      expect(overDiscounted, `seed ${seed}`).toEqual([]);
      if (t.shipping) expect(t.shipping.discount.amount <= t.shipping.price.amount, `seed ${seed}`).toBe(true);
      for (const d of t.appliedDiscounts) {
        const given = input.discounts.find((x) => x.id === d.discountId)!;
        if (given.kind === 'fixed_amount') expect(d.amount.amount <= given.amount.amount, `seed ${seed}`).toBe(true);
      }
    }
  });

  it('account for every discount once, applied or with a reason, and the savings sum up', () => {
    for (const seed of SEEDS) {
      const input = randomCart(seed);
      const t = computeTotals(input);
      const ids = [...t.appliedDiscounts.map((d) => d.discountId), ...t.discountsNotApplied.map((d) => d.discountId)].sort();
      expect(ids, `seed ${seed}`).toEqual(input.discounts.map((d) => d.id).sort());
      expect(total(t.appliedDiscounts.map((d) => d.amount)), `seed ${seed}`).toBe(t.discountTotal.amount + (t.shipping?.discount.amount ?? 0));
      const exclusive = t.appliedDiscounts.filter((d) => !input.discounts.find((x) => x.id === d.discountId)!.combinable);
      if (exclusive.length > 0) expect(t.appliedDiscounts, `seed ${seed}`).toHaveLength(1);
    }
  });

  it('cover every reason, discount kind and shipping kind (the generator is not too tame)', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const t = computeTotals(randomCart(seed));
      for (const d of t.discountsNotApplied) seen.add(d.reason);
      for (const d of t.appliedDiscounts) if (d.amount.amount > 0) seen.add(`applied ${d.kind}`);
      if (t.shipping) seen.add(`shipping ${t.shipping.kind}`);
    }
    const expected = ['not_started', 'expired', 'wrong_currency', 'nothing_in_scope', 'minimum_not_met', 'not_combinable', 'applied percentage', 'applied fixed_amount', 'applied free_shipping'];
    expect([...seen].sort()).toEqual([...expected, 'shipping flat_rate', 'shipping free_above', 'shipping local_pickup', 'shipping cash_on_delivery'].sort());
  });

  it('come out the same every time for the same cart', () => {
    for (const seed of SEEDS.slice(0, 200)) expect(computeTotals(randomCart(seed))).toEqual(computeTotals(randomCart(seed)));
  });
});
