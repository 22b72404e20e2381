import type { Tx } from '../../platform/db/database.ts';
import { checkoutInputsOf, engineDiscount, engineShippingMethod, storePricingIn, type CheckoutStore, type ShippingMethodRow } from '../checkout-settings/index.ts';
import { computeTotals, type CartLine, type Discount, type Totals } from '../pricing/index.ts';
import type { CartLineDetail } from './cart-line.repository.ts';
import { cartPricingRows, openCartWithPricingRows, type CartPricingRows } from './cart-pricing.repository.ts';
import type { CartChanges, CartRow } from './cart.repository.ts';

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
  /** The store as the cart was priced for it. */
  store: CheckoutStore;
}

/** What the request already knows, so that pricing does not read it again. */
export interface KnownForPricing {
  /** The store, when this request has loaded it. */
  store?: CheckoutStore | undefined;
  /** The cart was created in this transaction and has no lines yet. */
  newCart?: boolean;
}

/**
 * The cart priced now: catalog prices, the store's tax settings, the chosen shipping method, the
 * store's automatic discounts and the cart's codes, all handed to the totals engine. Nothing the
 * shopper sent is priced. One statement reads it all (less what the request already knows).
 */
export async function priceCart(tx: Tx, tenantId: string, cart: CartRow, known: KnownForPricing = {}): Promise<PricedCart> {
  const rows = await cartPricingRows(tx, tenantId, cart.id, { withStore: !known.store, shippingMethodId: cart.shippingMethodId, codes: cart.discountCodes, withLines: !known.newCart });
  return pricedFrom(rows, cart, known);
}

/**
 * The store's active, unexpired cart, priced, in one statement (see openCartWithPricingRows);
 * row-locked when `lock`. Undefined: no such cart.
 */
export async function openAndPriceCart(tx: Tx, tenantId: string, cartId: string, lock: boolean): Promise<PricedCart | undefined> {
  const opened = await openCartWithPricingRows(tx, tenantId, cartId, lock);
  return opened && pricedFrom(opened.rows, opened.cart, {});
}

/** A new, empty cart (see newCartInsert), inserted and priced for its store in one statement. */
export async function createAndPriceCart(tx: Tx, tenantId: string, row: Pick<CartRow, 'id' | 'tenantId' | 'tokenHash' | 'email'>, ttlDays: number): Promise<PricedCart> {
  const rows = await cartPricingRows(tx, tenantId, row.id, { withStore: true, shippingMethodId: null, codes: [], withLines: false, create: { row, ttlDays } });
  return pricedFrom(rows, rows.created!, { newCart: true });
}

/**
 * `touchCart` then `priceCart`, in one statement: the cart (locked by the caller, so `changes`
 * are all that differ) is changed and its lifetime restarted, and priced as it is after that.
 */
export async function touchAndPriceCart(tx: Tx, tenantId: string, cart: CartRow, changes: CartChanges, ttlDays: number, known: KnownForPricing = {}): Promise<PricedCart> {
  const after: CartRow = { ...cart, ...changes };
  const rows = await cartPricingRows(tx, tenantId, cart.id, {
    withStore: !known.store,
    shippingMethodId: after.shippingMethodId,
    codes: after.discountCodes,
    withLines: !known.newCart,
    touch: { changes, ttlDays },
  });
  return pricedFrom(rows, { ...after, ...rows.touched! }, known);
}

/** The cart as it will be after `changes` to its own fields, priced from rows read before they are written (see lockCartWithPricingRowsFor); `store` is theirs, already read. */
export function pricedAfter(rows: CartPricingRows, cart: CartRow, changes: CartChanges, store: CheckoutStore): PricedCart {
  return pricedFrom(rows, { ...cart, ...changes }, { store });
}

function pricedFrom(rows: CartPricingRows, cart: CartRow, known: KnownForPricing): PricedCart {
  const inputs = checkoutInputsOf(rows.inputs, known.store);
  const store = storePricingIn(inputs.store, cart.currency);
  const details = rows.lines;
  const lines = details.map((line) => ({
    ...line,
    available: line.onSale && line.currency === cart.currency && Object.hasOwn(store.taxRates, line.taxClass),
  }));
  const method = inputs.shippingMethod;
  const shippingMethod = method && method.active && method.currency === cart.currency ? method : null;
  const discounts: Discount[] = inputs.discounts.map(engineDiscount);
  const engineLines: CartLine[] = lines
    .filter((l) => l.available)
    .map((l) => ({ id: l.id, productId: l.productId, categoryIds: l.categoryIds, taxClass: l.taxClass, unitPrice: { amount: l.priceAmount, currency: l.currency }, quantity: l.quantity }));
  const totals = computeTotals({ store, lines: engineLines, shippingMethod: shippingMethod && engineShippingMethod(shippingMethod), discounts, now: new Date() });
  return { cart, lines, shippingMethod, totals, store: inputs.store };
}
