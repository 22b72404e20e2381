import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { findShippingMethod } from '../checkout-settings/index.ts';
import { changeCart } from './cart-access.ts';
import type { CartView } from './cart-view.ts';
import type { CartDeps } from './carts.deps.ts';
import type { ShippingAddress } from './carts.tables.ts';

const methodRefused = (code: string, detail: string, message: string) => new DomainError(code, detail, [{ path: 'body.shippingMethodId', message }]);

/** Who the cart is for and how it travels: email, shipping address, shipping method. */
export function createCartDetailsService(deps: CartDeps) {
  return {
    setEmail(ctx: Ctx, cartId: string, token: string | undefined, email: string): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async () => ({ email: email.toLowerCase() }));
    },

    setShippingAddress(ctx: Ctx, cartId: string, token: string | undefined, address: ShippingAddress): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async () => ({ shippingAddress: address }));
    },

    /** One of the store's active methods in the cart's currency, or null to choose none. */
    setShippingMethod(ctx: Ctx, cartId: string, token: string | undefined, shippingMethodId: string | null): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async ({ tx, cart, tenantId, store }) => {
        if (shippingMethodId === null) return { shippingMethodId: null };
        const method = await findShippingMethod(tx, tenantId, shippingMethodId);
        if (!method || !method.active || method.currency !== cart.currency) {
          throw methodRefused('CART_SHIPPING_METHOD_INVALID', 'This store offers no such shipping method for this cart.', 'is not an active shipping method of this store');
        }
        if (!Object.hasOwn(store.taxRates, store.shippingTaxClass)) {
          throw methodRefused('CART_TAX_RATE_MISSING', `Shipping is taxed as "${store.shippingTaxClass}", which has no tax rate in this store.`, `cannot be priced: the shipping tax class "${store.shippingTaxClass}" has no rate`);
        }
        return { shippingMethodId: method.id };
      });
    },
  };
}

export type CartDetailsService = ReturnType<typeof createCartDetailsService>;
