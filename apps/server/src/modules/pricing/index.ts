/** The pricing module: cart and order totals (tax, shipping, discounts) as pure calculation. Other modules import from here only. */
export { computeTotals } from './totals.ts';
export type {
  AppliedDiscount,
  CartLine,
  Discount,
  DiscountKind,
  DiscountNotApplied,
  DiscountScope,
  DiscountShare,
  LineTotals,
  Money,
  NotAppliedReason,
  PricingInput,
  RatePpm,
  ShippingKind,
  ShippingMethod,
  ShippingTotals,
  StorePricing,
  TaxBreakdownEntry,
  Totals,
} from './pricing.types.ts';
