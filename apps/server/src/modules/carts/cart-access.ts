import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { checkoutStoreOf, type CheckoutStore } from '../checkout-settings/index.ts';
import { openAndPriceCart, touchAndPriceCart, type PricedCart } from './cart-pricing.ts';
import { cartTokenMatches } from './cart-token.ts';
import { cartView, type CartView } from './cart-view.ts';
import { findActiveCart, lockActiveCartWithStore, type CartChanges, type CartLockRead, type CartRow } from './cart.repository.ts';
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
  /** The value the change asked to read with the cart (see lockActiveCartWithStore); null when it asked for none or it does not exist. */
  also: unknown;
}

/**
 * One change to a cart in one transaction: open and lock it (reading the store with it), let
 * `work` change its lines or say what else changes, restart its lifetime, and answer with the cart
 * priced afresh. A refusal anywhere (including by the totals engine) rolls the whole change back.
 */
export function changeCart(deps: CartDeps, ctx: Ctx, cartId: string, token: string | undefined, work: (change: CartChange) => Promise<CartChanges | void>, also?: CartLockRead): Promise<CartView> {
  const tenantId = storeOf(ctx);
  return inTransaction(deps.db, { tenantId }, async (tx) => {
    const opened = await lockActiveCartWithStore(tx, tenantId, cartId, also);
    if (!opened || !cartTokenMatches(opened.cart.tokenHash, token)) throw cartNotFound();
    const { cart } = opened;
    const store = checkoutStoreOf(opened.store);
    const changes = (await work({ tx, cart, tenantId, store, also: opened.also })) ?? {};
    return cartView(await touchAndPriceCart(tx, tenantId, cart, changes, deps.settings.ttlDays, { store }));
  });
}
