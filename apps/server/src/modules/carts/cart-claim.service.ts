import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { openCart } from './cart-access.ts';
import { MAX_CODES_PER_CART } from './cart-discount.service.ts';
import * as lines from './cart-line.repository.ts';
import { priceCart } from './cart-pricing.ts';
import { hashCartToken, newCartToken } from './cart-token.ts';
import { cartView, type CartView } from './cart-view.ts';
import { findActiveCartOfCustomer, touchCart, type CartChanges, type CartRow } from './cart.repository.ts';
import { cartNotFound, isUniqueViolation, storeOf, type CartDeps } from './carts.deps.ts';

function customerOf(ctx: Ctx): string {
  if (ctx.actor.kind !== 'customer') throw new DomainError('CUSTOMER_UNAUTHENTICATED', 'Sign in as a customer of this store to claim a cart.');
  return ctx.actor.id;
}

/**
 * Moves the guest cart's lines into the customer's cart: quantities of the same variant add up,
 * capped at the largest line quantity; new variants are added while the cart has room. Codes,
 * email, address and shipping method fill in what the customer's cart lacks.
 */
async function mergeInto(tx: Tx, deps: CartDeps, tenantId: string, guest: CartRow, target: CartRow): Promise<CartChanges> {
  const { maxLineQuantity, maxLines } = deps.settings;
  let room = maxLines - (await lines.countLines(tx, tenantId, target.id));
  for (const line of await lines.linesOf(tx, tenantId, guest.id)) {
    const existing = await lines.findLineOfVariant(tx, tenantId, target.id, line.variantId);
    if (!existing && room <= 0) continue;
    await lines.mergeIntoLine(tx, tenantId, target.id, line.variantId, line.quantity, maxLineQuantity);
    if (!existing) room -= 1;
  }
  const codes = [...target.discountCodes];
  for (const code of guest.discountCodes) if (codes.length < MAX_CODES_PER_CART && !codes.some((c) => c.toLowerCase() === code.toLowerCase())) codes.push(code);
  await touchCart(tx, tenantId, guest.id, { status: 'merged' }, deps.settings.ttlDays);
  return {
    discountCodes: codes,
    email: target.email ?? guest.email,
    shippingAddress: target.shippingAddress ?? guest.shippingAddress,
    shippingMethodId: target.shippingMethodId ?? guest.shippingMethodId,
  };
}

/** A signed-in customer takes over a guest cart (docs/checkout.md#claiming-a-cart). */
export function createCartClaimService(deps: CartDeps) {
  return {
    /**
     * Claims the cart the token opens for the signed-in customer. When the customer already has an
     * active cart, the guest cart is merged into it and marked merged; otherwise the guest cart
     * becomes theirs. Either way the surviving cart gets a new token (returned here, once): tokens
     * known before signing in stop working.
     */
    async claim(ctx: Ctx, cartId: string, token: string | undefined): Promise<{ token: string; cart: CartView }> {
      const tenantId = storeOf(ctx);
      const customerId = customerOf(ctx);
      const fresh = newCartToken();
      const attempt = () => inTransaction(deps.db, { tenantId }, async (tx) => {
        const guest = await openCart(tx, tenantId, cartId, token, true);
        if (guest.customerId && guest.customerId !== customerId) throw cartNotFound();
        const mine = guest.customerId ? undefined : await findActiveCartOfCustomer(tx, tenantId, customerId);
        const target = mine ?? guest;
        const changes = mine ? await mergeInto(tx, deps, tenantId, guest, mine) : {};
        const after = await touchCart(tx, tenantId, target.id, { ...changes, customerId, tokenHash: hashCartToken(fresh) }, deps.settings.ttlDays);
        return cartView(await priceCart(tx, tenantId, after));
      });
      // Two guest carts claimed at once by a customer without a cart: the one-active-cart index lets one
      // become theirs; the other then finds it and merges into it.
      const cart = await attempt().catch((err: unknown) => (isUniqueViolation(err) ? attempt() : Promise.reject(err)));
      return { token: fresh, cart };
    },
  };
}

export type CartClaimService = ReturnType<typeof createCartClaimService>;
