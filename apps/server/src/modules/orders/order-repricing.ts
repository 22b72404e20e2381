import { computeTotals, type CartLine, type Discount, type RatePpm, type ShippingMethod, type Totals } from '../pricing/index.ts';

/** A line the order already has: it keeps the unit price and tax rate it was sold at. */
export interface SoldLine {
  id: string;
  productId: string;
  categoryIds: readonly string[];
  taxClass: string;
  taxRatePpm: RatePpm;
  unitPriceAmount: number;
  quantity: number;
}

/** A line an edit adds: today's catalog price, taxed at today's rate of its class. */
export interface AddedLine {
  id: string;
  productId: string;
  categoryIds: readonly string[];
  taxClass: string;
  unitPriceAmount: number;
  quantity: number;
}

export interface RepricingInput {
  currency: string;
  /** As the order was priced; a store that switched since still prices this order the old way. */
  pricesIncludeTax: boolean;
  /** The store's rates today, by class: for added lines and for shipping. */
  taxRates: Readonly<Record<string, RatePpm>>;
  shippingTaxClass: string;
  sold: readonly SoldLine[];
  added: readonly AddedLine[];
  shippingMethod: ShippingMethod;
  /** The discounts the order used, with their rules; nothing else is offered. */
  discounts: readonly Discount[];
  /** When the order was placed: discounts' validity windows are judged at that moment. */
  placedAt: Date;
}

export interface Repriced {
  totals: Totals;
  /** Discounts the order used that no longer apply (a minimum no longer met, nothing left in scope). */
  droppedDiscountIds: string[];
}

/**
 * A sold line is priced under a tax class of its own that carries the rate it was sold at, so the
 * totals engine keeps that rate whatever the store's rate for its class is today. No real class
 * can clash: tax classes are stored as text, which cannot hold a NUL character.
 */
const soldClass = (line: SoldLine) => `\u0000${line.taxRatePpm}\u0000${line.taxClass}`;

/**
 * The edited order's totals by the re-pricing rules (docs/orders.md#editing-an-order): sold lines
 * at their sold price and rate, added lines at today's price and rate, the order's own discounts
 * re-applied under their rules, shipping priced by the method as it is today. Pure.
 */
export function repriceOrder(input: RepricingInput): Repriced {
  const taxRates: Record<string, RatePpm> = { ...input.taxRates };
  const realClass = new Map<string, string>();
  const money = (amount: number) => ({ amount, currency: input.currency });
  const sold = input.sold.map((line): CartLine => {
    const taxClass = soldClass(line);
    taxRates[taxClass] = line.taxRatePpm;
    realClass.set(taxClass, line.taxClass);
    return { id: line.id, productId: line.productId, categoryIds: line.categoryIds, taxClass, unitPrice: money(line.unitPriceAmount), quantity: line.quantity };
  });
  const added = input.added.map(
    (line): CartLine => ({ id: line.id, productId: line.productId, categoryIds: line.categoryIds, taxClass: line.taxClass, unitPrice: money(line.unitPriceAmount), quantity: line.quantity }),
  );
  const totals = computeTotals({
    store: { currency: input.currency, pricesIncludeTax: input.pricesIncludeTax, taxRates, shippingTaxClass: input.shippingTaxClass },
    lines: [...sold, ...added],
    shippingMethod: input.shippingMethod,
    discounts: input.discounts,
    now: input.placedAt,
  });
  const real = (taxClass: string) => realClass.get(taxClass) ?? taxClass;
  const applied = new Set(totals.appliedDiscounts.map((d) => d.discountId));
  return {
    totals: {
      ...totals,
      lines: totals.lines.map((line) => ({ ...line, taxClass: real(line.taxClass) })),
      taxBreakdown: totals.taxBreakdown.map((entry) => ({ ...entry, taxClasses: [...new Set(entry.taxClasses.map(real))] })),
    },
    droppedDiscountIds: input.discounts.filter((d) => !applied.has(d.id)).map((d) => d.id),
  };
}
