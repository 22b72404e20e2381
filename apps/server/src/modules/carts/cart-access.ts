import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { commitWith, inTransaction } from '../../platform/db/transaction.ts';
import { checkoutStoreOf, type CheckoutStore, type ShippingMethodRow } from '../checkout-settings/index.ts';
import { sendLineWrite, type CartLineDetail, type LineWrite } from './cart-line.repository.ts';
import { lockCartWithPricingRowsAndVariant, lockCartWithPricingRowsFor, openCartWithPricingRows, sendCartTouch, type OpenedCart } from './cart-pricing.repository.ts';
import { openAndPriceCart, pricedAfter, touchAndPriceCart, type PricedCart } from './cart-pricing.ts';
import { cartTokenMatches } from './cart-token.ts';
import { cartView, type CartView } from './cart-view.ts';
import { findActiveCart, lockActiveCartWithStore, type CartChanges, type CartRow } from './cart.repository.ts';
import { cartNotFound, storeOf, type CartDeps } from './carts.deps.ts';

/** The cart when it is this store's, active, unexpired and `token` is its token; else CART_NOT_FOUND. Locked when it is about to change. */
export async function openCart(tx: Tx, tenantId: string, cartId: string, token: string | undefined, lock: boolean): Promise<CartRow> {
  const cart = await findActiveCart(tx, tenantId, cartId, lock);
  if (!cart || !cartTokenMatches(cart.tokenHash, token)) throw cartNotFound();
  return cart;
}

/** The cart priced, when it is this store's, active, unexpired and `token` is its token; else CART_NOT_FOUND. Locked when it is about to be ordered. */
export async function openPricedCart(tx: Tx, tenantId: string, cartId: string, token: string | undefined, lock: boolean): Promise<PricedCart> {
  const priced = await openAndPriceCart(tx, tenantId, cartId, lock);
  if (!priced || !cartTokenMatches(priced.cart.tokenHash, token)) throw cartNotFound();
  return priced;
}

/** A change's view of the request: its transaction, the locked cart, the store's id and what checkout needs of the store (read with the cart). */
export interface CartChange {
  tx: Tx;
  cart: CartRow;
  tenantId: string;
  store: CheckoutStore;
}

/**
 * One change to a cart in one transaction: open and lock it (reading the store with it), let
 * `work` change its lines or say what else changes, restart its lifetime, and answer with the cart
 * priced afresh. A refusal anywhere (including by the totals engine) rolls the whole change back.
 */
export function changeCart(deps: CartDeps, ctx: Ctx, cartId: string, token: string | undefined, work: (change: CartChange) => Promise<CartChanges | void>): Promise<CartView> {
  const tenantId = storeOf(ctx);
  return inTransaction(deps.db, { tenantId }, async (tx) => {
    const opened = await lockActiveCartWithStore(tx, tenantId, cartId);
    if (!opened || !cartTokenMatches(opened.cart.tokenHash, token)) throw cartNotFound();
    const { cart } = opened;
    const store = checkoutStoreOf(opened.store);
    const changes = (await work({ tx, cart, tenantId, store })) ?? {};
    return cartView(await touchAndPriceCart(tx, tenantId, cart, changes, deps.settings.ttlDays, { store }));
  });
}

/** What a change priced before it is written sees: the locked cart, the store, the shipping method and the lines it will be priced with, and the variant it read (adding a line). */
export interface OpenedChange {
  cart: CartRow;
  store: CheckoutStore;
  shippingMethod: ShippingMethodRow | undefined;
  lines: readonly CartLineDetail[];
  variant: OpenedCart['variant'];
}

/** What such a change writes: the cart's fields, and one write to its lines with the lines as they are after it. */
export interface ChangeDecision {
  changes?: CartChanges;
  line?: { write: LineWrite; linesAfter: CartLineDetail[] };
}

/**
 * A change priced before it is written, in two round trips: `begin` with the locked cart and all
 * that pricing reads (`open`); `decide` says what changes or refuses; the cart is priced as it
 * will be, and the totals engine may refuse too; only then the writes go out, with the commit
 * (commitWith), and the cart's lifetime starts again. A refusal writes nothing.
 */
function changePricedCart(
  deps: CartDeps,
  ctx: Ctx,
  cartId: string,
  token: string | undefined,
  open: (tx: Tx, tenantId: string) => Promise<OpenedCart | undefined>,
  decide: (change: OpenedChange) => ChangeDecision,
): Promise<CartView> {
  const tenantId = storeOf(ctx);
  return inTransaction(deps.db, { tenantId }, async (tx) => {
    const opened = await open(tx, tenantId);
    if (!opened || !cartTokenMatches(opened.cart.tokenHash, token)) throw cartNotFound();
    const { cart, rows } = opened;
    const store = checkoutStoreOf(rows.inputs.store!);
    const { changes = {}, line } = decide({ cart, store, shippingMethod: rows.inputs.shippingMethod, lines: rows.lines, variant: opened.variant });
    const priced = pricedAfter(line ? { ...rows, lines: line.linesAfter } : rows, cart, changes, store);
    const times = await commitWith(tx, async () => {
      const [, touched] = await Promise.all([line && sendLineWrite(tx, tenantId, cart.id, line.write), sendCartTouch(tx, tenantId, cart.id, changes, deps.settings.ttlDays)]);
      return touched;
    });
    return cartView({ ...priced, cart: { ...priced.cart, ...times } });
  });
}

/** A change to the cart's own fields (email, address, shipping method: `shippingMethodId`, when given, is the method it is priced with), priced before it is written (changePricedCart). */
export function changeCartFields(
  deps: CartDeps,
  ctx: Ctx,
  cartId: string,
  token: string | undefined,
  shippingMethodId: string | null | undefined,
  decide: (change: OpenedChange) => CartChanges,
): Promise<CartView> {
  const open = (tx: Tx, tenantId: string) =>
    shippingMethodId === undefined ? openCartWithPricingRows(tx, tenantId, cartId, true) : lockCartWithPricingRowsFor(tx, tenantId, cartId, shippingMethodId);
  return changePricedCart(deps, ctx, cartId, token, open, (change) => ({ changes: decide(change) }));
}

/** A change to the cart's lines, priced before it is written (changePricedCart). */
export function changeCartLines(deps: CartDeps, ctx: Ctx, cartId: string, token: string | undefined, decide: (change: OpenedChange) => ChangeDecision): Promise<CartView> {
  return changePricedCart(deps, ctx, cartId, token, (tx, tenantId) => openCartWithPricingRows(tx, tenantId, cartId, true), decide);
}

/** A change to the cart's lines that adds `variantId`, which it reads with the cart, priced before it is written (changePricedCart). */
export function changeCartLinesWith(deps: CartDeps, ctx: Ctx, cartId: string, token: string | undefined, variantId: string, decide: (change: OpenedChange) => ChangeDecision): Promise<CartView> {
  return changePricedCart(deps, ctx, cartId, token, (tx, tenantId) => lockCartWithPricingRowsAndVariant(tx, tenantId, cartId, variantId), decide);
}
