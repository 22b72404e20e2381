import type { PricingLine } from './pricing-line.ts';
import type { CartLine, Discount, NotAppliedReason } from './pricing.types.ts';
import { sum } from './rounding.ts';

export function isInScope(discount: Discount, line: CartLine): boolean {
  const scope = discount.scope ?? { kind: 'order' };
  if (scope.kind === 'order') return true;
  return scope.productIds.includes(line.productId) || (line.categoryIds ?? []).some((id) => scope.categoryIds.includes(id));
}

/** Why a discount cannot be used on this cart at all, or null when it can (stacking aside). */
export function whyNotApplicable(discount: Discount, lines: readonly PricingLine[], currency: string, now: Date): NotAppliedReason | null {
  if (discount.startsAt && now.getTime() < discount.startsAt.getTime()) return 'not_started';
  if (discount.endsAt && now.getTime() >= discount.endsAt.getTime()) return 'expired';
  const minimum = discount.minimumSubtotal ?? null;
  if ((discount.kind === 'fixed_amount' && discount.amount.currency !== currency) || (minimum && minimum.currency !== currency)) return 'wrong_currency';
  const inScope = lines.filter((line) => isInScope(discount, line.source));
  if (inScope.length === 0) return 'nothing_in_scope';
  if (minimum && sum(inScope.map((line) => line.subtotal)) < BigInt(minimum.amount)) return 'minimum_not_met';
  return null;
}
