import type { Tx } from '../../platform/db/database.ts';
import { activeAutomaticDiscounts, activeDiscountsByCodes, engineDiscount, engineShippingMethod, findShippingMethod, loadStorePricing, type ShippingMethodRow } from '../checkout-settings/index.ts';
import { computeTotals, type CartLine, type Discount, type Totals } from '../pricing/index.ts';
import { linesWithDetails, type CartLineDetail } from './cart-line.repository.ts';
import type { CartRow } from './cart.repository.ts';

export interface PricedLine extends CartLineDetail {
  /** false: the product is no longer on sale, its price is now in another currency, or its tax class lost its rate; left out of the totals. */
  available: boolean;
}

export interface PricedCart {
  cart: CartRow;
  lines: PricedLine[];
  /** The chosen method while it is active and in the cart's currency; otherwise none. */
  shippingMethod: ShippingMethodRow | null;
  totals: Totals;
}

/**
 * The cart priced now: catalog prices, the store's tax settings, the chosen shipping method, the
 * store's automatic discounts and the cart's codes, all handed to the totals engine. Nothing the
 * shopper sent is priced.
 */
export async function priceCart(tx: Tx, tenantId: string, cart: CartRow): Promise<PricedCart> {
  const store = await loadStorePricing(tx, tenantId, cart.currency);
  const lines = (await linesWithDetails(tx, tenantId, cart.id)).map((line) => ({
    ...line,
    available: line.onSale && line.currency === cart.currency && Object.hasOwn(store.taxRates, line.taxClass),
  }));
  const method = cart.shippingMethodId ? await findShippingMethod(tx, tenantId, cart.shippingMethodId) : undefined;
  const shippingMethod = method && method.active && method.currency === cart.currency ? method : null;
  const rows = [...(await activeAutomaticDiscounts(tx, tenantId)), ...(await activeDiscountsByCodes(tx, tenantId, cart.discountCodes))];
  const discounts: Discount[] = [...new Map(rows.map((r) => [r.id, engineDiscount(r)])).values()];
  const engineLines: CartLine[] = lines
    .filter((l) => l.available)
    .map((l) => ({ id: l.id, productId: l.productId, categoryIds: l.categoryIds, taxClass: l.taxClass, unitPrice: { amount: l.priceAmount, currency: l.currency }, quantity: l.quantity }));
  const totals = computeTotals({ store, lines: engineLines, shippingMethod: shippingMethod && engineShippingMethod(shippingMethod), discounts, now: new Date() });
  return { cart, lines, shippingMethod, totals };
}
