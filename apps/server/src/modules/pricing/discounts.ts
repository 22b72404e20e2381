import { allocateProportionally } from './allocation.ts';
import { isInScope } from './discount-eligibility.ts';
import type { PricingLine } from './pricing-line.ts';
import type { Discount } from './pricing.types.ts';
import { rateOf, smaller, sum } from './rounding.ts';

export interface LineDiscount {
  total: bigint;
  shares: Array<{ discountId: string; amount: bigint }>;
}

/**
 * Each line's discounts, applying `discounts` in the order given, each on what the earlier ones
 * left of its lines. A percentage is rounded per line; a fixed amount is capped at what is left
 * in its scope and spread over those lines in proportion to it. Neither can take a line below zero.
 */
export function discountLines(lines: readonly PricingLine[], discounts: readonly Discount[]): LineDiscount[] {
  const left = lines.map((line) => line.subtotal);
  const result: LineDiscount[] = lines.map(() => ({ total: 0n, shares: [] }));
  for (const discount of discounts) {
    if (discount.kind === 'free_shipping') continue;
    const inScope = lines.flatMap((line, index) => (isInScope(discount, line.source) ? [index] : []));
    const weights = inScope.map((index) => left[index]!);
    const amounts =
      discount.kind === 'percentage'
        ? weights.map((weight) => rateOf(weight, BigInt(discount.ratePpm)))
        : allocateProportionally(smaller(BigInt(discount.amount.amount), sum(weights)), weights);
    inScope.forEach((lineIndex, k) => {
      const amount = amounts[k]!;
      if (amount === 0n) return;
      left[lineIndex]! -= amount;
      result[lineIndex]!.total += amount;
      result[lineIndex]!.shares.push({ discountId: discount.id, amount });
    });
  }
  return result;
}
