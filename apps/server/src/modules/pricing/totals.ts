import { whyNotApplicable } from './discount-eligibility.ts';
import { discountCandidates } from './discount-stacking.ts';
import { priceCart } from './priced-cart.ts';
import { checkPricingInput } from './pricing-input.ts';
import { toPricingLine } from './pricing-line.ts';
import type { Discount, DiscountNotApplied, NotAppliedReason, PricingInput, Totals } from './pricing.types.ts';
import { totalsResult } from './totals-result.ts';

/**
 * The totals of a cart or order, in integer minor units of the store's currency. Pure: everything
 * it depends on (prices, rates, discounts, the time) is in the input. Throws DomainError
 * (PRICING_INPUT_INVALID, PRICING_CURRENCY_MISMATCH, PRICING_TAX_RATE_MISSING,
 * PRICING_AMOUNT_TOO_LARGE) for input it cannot price; a discount that does not apply is reported,
 * not thrown.
 */
export function computeTotals(input: PricingInput): Totals {
  checkPricingInput(input);
  const { store } = input;
  const lines = input.lines.map((source) => toPricingLine(store, source));

  const reasons = new Map<Discount, NotAppliedReason>();
  const eligible: Discount[] = [];
  for (const discount of input.discounts) {
    const reason = whyNotApplicable(discount, lines, store.currency, input.now);
    if (reason) reasons.set(discount, reason);
    else eligible.push(discount);
  }

  // Stacking: price every allowed set and keep the cheapest for the shopper; the first wins a tie.
  const priced = discountCandidates(eligible).map((set) => priceCart(store, lines, input.shippingMethod, set));
  const best = priced.reduce((kept, next) => (next.grandTotal < kept.grandTotal ? next : kept));
  for (const discount of eligible) if (!best.discounts.includes(discount)) reasons.set(discount, 'not_combinable');

  const notApplied: DiscountNotApplied[] = input.discounts.flatMap((d) => {
    const reason = reasons.get(d);
    return reason ? [{ discountId: d.id, code: d.code, reason }] : [];
  });
  return totalsResult(best, store, notApplied);
}
