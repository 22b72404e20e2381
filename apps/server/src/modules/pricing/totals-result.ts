import { DomainError } from '../../platform/errors.ts';
import type { PricedCart } from './priced-cart.ts';
import type { AppliedDiscount, DiscountNotApplied, LineTotals, Money, ShippingTotals, StorePricing, Totals } from './pricing.types.ts';
import { sum } from './rounding.ts';
import { groupByRate, type TaxedPart } from './tax.ts';

/** Turns a priced cart into the public figures, as Money. */
export function totalsResult(cart: PricedCart, store: StorePricing, notApplied: DiscountNotApplied[]): Totals {
  const { currency, pricesIncludeTax } = store;
  const money = (amount: bigint, path: string): Money => {
    if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new DomainError('PRICING_AMOUNT_TOO_LARGE', `An amount (${path}) is beyond the largest amount Winkel can hold.`, [{ path, message: 'is too large' }]);
    return { amount: Number(amount), currency };
  };
  const lines = cart.lines.map((line, i): LineTotals => ({
    lineId: line.source.id,
    taxClass: line.source.taxClass,
    taxRatePpm: Number(line.ratePpm),
    subtotal: money(line.subtotal, `lines.${i}.subtotal`),
    discount: money(line.discount.total, `lines.${i}.discount`),
    tax: money(line.tax, `lines.${i}.tax`),
    total: money(line.total, `lines.${i}.total`),
    discounts: line.discount.shares.map((s) => ({ discountId: s.discountId, amount: money(s.amount, `lines.${i}.discounts`) })),
  }));
  const s = cart.shipping;
  const shipping: ShippingTotals | null = s && {
    methodId: s.method.id,
    kind: s.method.kind,
    price: money(s.price, 'shipping.price'),
    codFee: money(s.codFee, 'shipping.codFee'),
    discount: money(s.discount, 'shipping.discount'),
    tax: money(s.tax, 'shipping.tax'),
    total: money(s.total, 'shipping.total'),
  };
  const withoutTax = (gross: bigint, tax: bigint) => (pricesIncludeTax ? gross - tax : gross);
  const taxedParts: TaxedPart[] = cart.lines.map((line) => ({ taxClass: line.source.taxClass, ratePpm: line.ratePpm, net: withoutTax(line.subtotal - line.discount.total, line.tax), tax: line.tax }));
  if (s) taxedParts.push({ taxClass: store.shippingTaxClass, ratePpm: s.ratePpm, net: withoutTax(s.price + s.codFee - s.discount, s.tax), tax: s.tax });
  const appliedDiscounts = cart.discounts.map((d): AppliedDiscount => {
    const shares = cart.lines.flatMap((line) => line.discount.shares.filter((share) => share.discountId === d.id).map((share) => share.amount));
    const waived = s?.freeShippingId === d.id ? s.discount : 0n;
    return { discountId: d.id, code: d.code, kind: d.kind, amount: money(sum(shares) + waived, 'appliedDiscounts.amount') };
  });
  return {
    currency,
    pricesIncludeTax,
    lines,
    shipping,
    subtotal: money(sum(cart.lines.map((l) => l.subtotal)), 'subtotal'),
    discountTotal: money(sum(cart.lines.map((l) => l.discount.total)), 'discountTotal'),
    shippingTotal: money(s ? s.price + s.codFee - s.discount : 0n, 'shippingTotal'),
    taxTotal: money(sum(taxedParts.map((p) => p.tax)), 'taxTotal'),
    grandTotal: money(cart.grandTotal, 'grandTotal'),
    taxBreakdown: groupByRate(taxedParts).map((g) => ({ taxRatePpm: Number(g.ratePpm), taxClasses: g.taxClasses, taxableAmount: money(g.net, 'taxBreakdown.taxableAmount'), tax: money(g.tax, 'taxBreakdown.tax') })),
    appliedDiscounts,
    discountsNotApplied: notApplied,
  };
}
