import { discountLines, type LineDiscount } from './discounts.ts';
import type { PricingLine } from './pricing-line.ts';
import type { Discount, ShippingMethod, StorePricing } from './pricing.types.ts';
import { sum } from './rounding.ts';
import { shippingCharge, type ShippingCharge } from './shipping.ts';
import { taxOn } from './tax.ts';

export interface PricedLine extends PricingLine {
  discount: LineDiscount;
  tax: bigint;
  /** Tax included. */
  total: bigint;
}

export interface PricedShipping extends ShippingCharge {
  ratePpm: bigint;
  discount: bigint;
  /** The free-shipping discount that waived the price, if any. */
  freeShippingId: string | null;
  tax: bigint;
  total: bigint;
}

/** The cart priced with one set of discounts (already in application order). */
export interface PricedCart {
  discounts: Discount[];
  lines: PricedLine[];
  shipping: PricedShipping | null;
  grandTotal: bigint;
}

/** Order of operations: line discounts → line tax → shipping (threshold, free shipping) → shipping tax → grand total. */
export function priceCart(store: StorePricing, lines: readonly PricingLine[], method: ShippingMethod | null, discounts: Discount[]): PricedCart {
  const included = store.pricesIncludeTax;
  const lineDiscounts = discountLines(lines, discounts);
  const priced = lines.map((line, i): PricedLine => {
    const discount = lineDiscounts[i]!;
    const afterDiscount = line.subtotal - discount.total;
    const tax = taxOn(afterDiscount, line.ratePpm, included);
    return { ...line, discount, tax, total: included ? afterDiscount : afterDiscount + tax };
  });
  const discountedSubtotal = sum(priced.map((line) => line.subtotal - line.discount.total));
  const shipping = method ? priceShipping(store, shippingCharge(method, discountedSubtotal), discounts) : null;
  const grandTotal = sum(priced.map((line) => line.total)) + (shipping?.total ?? 0n);
  return { discounts, lines: priced, shipping, grandTotal };
}

function priceShipping(store: StorePricing, charge: ShippingCharge, discounts: readonly Discount[]): PricedShipping {
  const ratePpm = BigInt(store.taxRates[store.shippingTaxClass]!);
  const freeShipping = discounts.find((d) => d.kind === 'free_shipping');
  const discount = freeShipping ? charge.price : 0n;
  const charged = charge.price + charge.codFee - discount;
  const tax = taxOn(charged, ratePpm, store.pricesIncludeTax);
  const total = store.pricesIncludeTax ? charged : charged + tax;
  return { ...charge, ratePpm, discount, freeShippingId: freeShipping?.id ?? null, tax, total };
}
