import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { changeCartFields, type OpenedChange } from './cart-access.ts';
import type { CartView } from './cart-view.ts';
import type { CartChanges } from './cart.repository.ts';
import type { CartDeps } from './carts.deps.ts';
import type { ShippingAddress } from './carts.tables.ts';

/** What a checkout form sets on a cart; each field left out stays as it is. */
export interface CartDetails {
  email?: string | undefined;
  shippingAddress?: ShippingAddress | undefined;
  /** null: choose none. */
  shippingMethodId?: string | null | undefined;
}

const methodRefused = (code: string, detail: string, message: string) => new DomainError(code, detail, [{ path: 'body.shippingMethodId', message }]);

/** The method when it is one of the store's active methods in the cart's currency and shipping can be taxed; else a refusal. */
function chosenMethod({ cart, store, shippingMethod: method }: OpenedChange): string {
  if (!method || !method.active || method.currency !== cart.currency) {
    throw methodRefused('CART_SHIPPING_METHOD_INVALID', 'This store offers no such shipping method for this cart.', 'is not an active shipping method of this store');
  }
  if (!Object.hasOwn(store.taxRates, store.shippingTaxClass)) {
    throw methodRefused('CART_TAX_RATE_MISSING', `Shipping is taxed as "${store.shippingTaxClass}", which has no tax rate in this store.`, `cannot be priced: the shipping tax class "${store.shippingTaxClass}" has no rate`);
  }
  return method.id;
}

/** Who the cart is for and how it travels: email, shipping address, shipping method. */
export function createCartDetailsService(deps: CartDeps) {
  /** Sets every given detail in one change: all of them, or none when one is refused. */
  function update(ctx: Ctx, cartId: string, token: string | undefined, details: CartDetails): Promise<CartView> {
    return changeCartFields(deps, ctx, cartId, token, details.shippingMethodId, (change) => {
      const changes: CartChanges = {};
      if (details.email !== undefined) changes.email = details.email.toLowerCase();
      if (details.shippingAddress !== undefined) changes.shippingAddress = details.shippingAddress;
      if (details.shippingMethodId !== undefined) changes.shippingMethodId = details.shippingMethodId === null ? null : chosenMethod(change);
      return changes;
    });
  }

  return {
    update,
    setEmail: (ctx: Ctx, cartId: string, token: string | undefined, email: string) => update(ctx, cartId, token, { email }),
    setShippingAddress: (ctx: Ctx, cartId: string, token: string | undefined, shippingAddress: ShippingAddress) => update(ctx, cartId, token, { shippingAddress }),
    setShippingMethod: (ctx: Ctx, cartId: string, token: string | undefined, shippingMethodId: string | null) => update(ctx, cartId, token, { shippingMethodId }),
  };
}

export type CartDetailsService = ReturnType<typeof createCartDetailsService>;
