import type { CartLine, StorePricing } from './pricing.types.ts';

/** A cart line with its subtotal (unit price × quantity, as priced) and its tax rate worked out. */
export interface PricingLine {
  source: CartLine;
  subtotal: bigint;
  ratePpm: bigint;
}

/** Expects an input already checked: the tax class has a rate. */
export function toPricingLine(store: StorePricing, source: CartLine): PricingLine {
  return { source, subtotal: BigInt(source.unitPrice.amount) * BigInt(source.quantity), ratePpm: BigInt(store.taxRates[source.taxClass]!) };
}
