import type { Discount, DiscountKind } from './pricing.types.ts';

const KIND_ORDER: Record<DiscountKind, number> = { percentage: 0, fixed_amount: 1, free_shipping: 2 };

/**
 * The order discounts apply in, each on what earlier ones left: automatic discounts before
 * codes, then percentages before fixed amounts before free shipping, then as given.
 */
export function inApplicationOrder(discounts: readonly Discount[]): Discount[] {
  return discounts
    .map((discount, index) => ({ discount, index }))
    .sort((a, b) => rank(a.discount) - rank(b.discount) || a.index - b.index)
    .map(({ discount }) => discount);
}

const rank = (d: Discount): number => (d.code === null ? 0 : 10) + KIND_ORDER[d.kind];

/**
 * The sets of discounts that may be used together: every combinable discount in one set, and
 * each exclusive discount on its own. The caller prices each set and keeps the cheapest for the
 * shopper, the earlier set on a tie (so the combination wins ties).
 */
export function discountCandidates(eligible: readonly Discount[]): Discount[][] {
  const combinable = eligible.filter((d) => d.combinable);
  const exclusive = inApplicationOrder(eligible.filter((d) => !d.combinable));
  const candidates = [...(combinable.length > 0 ? [inApplicationOrder(combinable)] : []), ...exclusive.map((d) => [d])];
  return candidates.length > 0 ? candidates : [[]];
}
