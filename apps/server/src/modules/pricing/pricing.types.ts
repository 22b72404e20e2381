/**
 * What the totals engine takes and gives. Money is integer minor units of an ISO 4217 currency,
 * as everywhere in Winkel (1999 EUR is €19.99, 1500 JPY is ¥1500, 1255 BHD is 1.255 BD).
 * Rates (tax and percentage discounts) are integers in millionths: 21 % is 210_000,
 * 7.25 % is 72_500, 0 % is 0, 100 % is 1_000_000.
 */
export interface Money {
  amount: number;
  currency: string;
}

/** A rate in millionths (parts per million): 21 % = 210_000. */
export type RatePpm = number;

/** The store's settings that prices depend on. */
export interface StorePricing {
  currency: string;
  /** true: catalog prices include tax (EU style); false: tax is added on top (US style). */
  pricesIncludeTax: boolean;
  /** Tax class → rate. Every line's tax class, and the shipping tax class when shipping is chosen, must be here. */
  taxRates: Readonly<Record<string, RatePpm>>;
  shippingTaxClass: string;
}

/** One line of a cart or order: a variant, its price and how many. */
export interface CartLine {
  id: string;
  productId: string;
  /** The product's categories, for discounts scoped to categories. */
  categoryIds?: readonly string[];
  taxClass: string;
  unitPrice: Money;
  quantity: number;
}

export type ShippingMethod =
  | { id: string; kind: 'flat_rate'; price: Money }
  /** Free once the subtotal after discounts reaches `freeFrom`; `price` below that. */
  | { id: string; kind: 'free_above'; price: Money; freeFrom: Money }
  | { id: string; kind: 'local_pickup' }
  | { id: string; kind: 'cash_on_delivery'; price: Money; codFee: Money };

export type ShippingKind = ShippingMethod['kind'];

/** Which lines a discount is about: all of them, or those of some products or categories. */
export type DiscountScope = { kind: 'order' } | { kind: 'items'; productIds: readonly string[]; categoryIds: readonly string[] };

interface DiscountRules {
  id: string;
  /** The code the shopper entered; null for an automatic discount. */
  code: string | null;
  /** Can be used together with other combinable discounts; if false it is used on its own. */
  combinable: boolean;
  /** The subtotal (before discounts) of the lines in scope must be at least this. */
  minimumSubtotal?: Money | null;
  /** Valid from this instant (inclusive)… */
  startsAt?: Date | null;
  /** …until this instant (exclusive). */
  endsAt?: Date | null;
  /** Whole order when left out. */
  scope?: DiscountScope;
}

export type Discount = DiscountRules &
  ({ kind: 'percentage'; ratePpm: RatePpm } | { kind: 'fixed_amount'; amount: Money } | { kind: 'free_shipping' });

export type DiscountKind = Discount['kind'];

export interface PricingInput {
  store: StorePricing;
  lines: readonly CartLine[];
  /** null while the shopper has not chosen one. */
  shippingMethod: ShippingMethod | null;
  /** Automatic discounts of the store and the codes the shopper entered, already loaded. */
  discounts: readonly Discount[];
  now: Date;
}

export type NotAppliedReason = 'not_started' | 'expired' | 'wrong_currency' | 'nothing_in_scope' | 'minimum_not_met' | 'not_combinable';

export interface DiscountShare {
  discountId: string;
  amount: Money;
}

export interface LineTotals {
  lineId: string;
  taxClass: string;
  taxRatePpm: RatePpm;
  /** Unit price × quantity, as priced (with tax in a tax-inclusive store, without in a tax-exclusive one). */
  subtotal: Money;
  /** This line's share of all discounts, as priced. */
  discount: Money;
  /** Tax on (subtotal − discount), rounded on this line. */
  tax: Money;
  /** What the shopper pays for this line, tax included. */
  total: Money;
  /** Each discount's share of this line (shares of zero left out). */
  discounts: DiscountShare[];
}

export interface ShippingTotals {
  methodId: string;
  kind: ShippingKind;
  /** The carriage price as priced: 0 for pickup and once a free-above threshold is reached. */
  price: Money;
  /** Cash-on-delivery fee, as priced; 0 for other kinds. */
  codFee: Money;
  /** What a free-shipping discount waived (the price, never the COD fee). */
  discount: Money;
  tax: Money;
  /** What the shopper pays for shipping, tax included. */
  total: Money;
}

export interface TaxBreakdownEntry {
  taxRatePpm: RatePpm;
  taxClasses: string[];
  /** The amounts taxed at this rate, without tax. */
  taxableAmount: Money;
  /** The sum of the per-line taxes at this rate. */
  tax: Money;
}

export interface AppliedDiscount {
  discountId: string;
  code: string | null;
  kind: DiscountKind;
  /** What it saved: its line shares, or for free shipping the waived shipping price. */
  amount: Money;
}

export interface DiscountNotApplied {
  discountId: string;
  code: string | null;
  reason: NotAppliedReason;
}

export interface Totals {
  currency: string;
  pricesIncludeTax: boolean;
  lines: LineTotals[];
  shipping: ShippingTotals | null;
  /** Sum of line subtotals, as priced. */
  subtotal: Money;
  /** Sum of line discounts, as priced (a free-shipping saving is in `shipping.discount` instead). */
  discountTotal: Money;
  /** Shipping charged after free shipping, COD fee included, as priced. */
  shippingTotal: Money;
  taxTotal: Money;
  /** Sum of line totals + shipping total: what the shopper pays. */
  grandTotal: Money;
  taxBreakdown: TaxBreakdownEntry[];
  appliedDiscounts: AppliedDiscount[];
  discountsNotApplied: DiscountNotApplied[];
}
