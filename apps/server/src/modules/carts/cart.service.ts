import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { commitWith, inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { changeCart, openPricedCart, type CartChange } from './cart-access.ts';
import * as lines from './cart-line.repository.ts';
import { createAndPriceCart } from './cart-pricing.ts';
import { hashCartToken, newCartToken } from './cart-token.ts';
import { cartView, type CartView } from './cart-view.ts';
import { storeOf, type CartDeps } from './carts.deps.ts';

export interface AddLineInput {
  variantId: string;
  quantity: number;
}

const variantRefused = (code: string, detail: string, message: string) => new DomainError(code, detail, [{ path: 'body.variantId', message }]);

/** Why the variant (read with the locked cart, as `also`) cannot go into this cart, if it cannot. */
function checkSellable({ cart, store, also }: CartChange): void {
  const variant = also as lines.VariantForCart | null;
  if (!variant || !variant.onSale) throw variantRefused('CART_VARIANT_NOT_SELLABLE', 'This store sells no such variant (unknown, or its product is not active and published).', 'is not a variant on sale in this store');
  if (variant.currency !== cart.currency) throw variantRefused('CART_CURRENCY_MISMATCH', `The variant is priced in ${variant.currency}, the cart is in ${cart.currency}.`, `is priced in ${variant.currency}, not the cart's ${cart.currency}`);
  if (!Object.hasOwn(store.taxRates, variant.taxClass)) throw variantRefused('CART_TAX_RATE_MISSING', `The variant's tax class "${variant.taxClass}" has no tax rate in this store.`, `has tax class "${variant.taxClass}", which has no rate in this store`);
}

/** Creating and reading carts and changing their lines (docs/checkout.md#carts). */
export function createCartService(deps: CartDeps) {
  const { db, settings } = deps;
  return {
    /** A new, empty cart in the store's currency; the token is returned here only. */
    async create(ctx: Ctx, input: { email?: string | undefined }): Promise<{ token: string; cart: CartView }> {
      const tenantId = storeOf(ctx);
      const token = newCartToken();
      const row = { id: uuidv7(), tenantId, tokenHash: hashCartToken(token), email: input.email?.toLowerCase() ?? null };
      // An empty cart has nothing its pricing could refuse: its one statement goes with the commit.
      const cart = await inTransaction(db, { tenantId }, async (tx) => cartView(await commitWith(tx, () => createAndPriceCart(tx, tenantId, row, settings.ttlDays))));
      return { token, cart };
    },

    async get(ctx: Ctx, cartId: string, token: string | undefined): Promise<CartView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => cartView(await openPricedCart(tx, tenantId, cartId, token, false)));
    },

    /** Adds a variant, or more of it when the cart has it already; never past the largest quantity or the most lines a cart may hold. */
    addLine(ctx: Ctx, cartId: string, token: string | undefined, input: AddLineInput): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async (change) => {
        const { tx, cart, tenantId } = change;
        checkSellable(change);
        if (await lines.addToLine(tx, tenantId, cart.id, input.variantId, input.quantity, { maxQuantity: settings.maxLineQuantity, maxLines: settings.maxLines })) return;
        // Refused: say why (the cart is locked, so this is the state the refusal saw).
        const existing = await lines.findLineOfVariant(tx, tenantId, cart.id, input.variantId);
        if (!existing) {
          throw new DomainError('CART_TOO_MANY_LINES', `A cart holds at most ${settings.maxLines} different items.`, [{ path: 'body.variantId', message: `would be line ${settings.maxLines + 1}; the most is ${settings.maxLines}` }]);
        }
        throw new DomainError('CART_QUANTITY_TOO_LARGE', `A line holds at most ${settings.maxLineQuantity}; the cart has ${existing.quantity} already.`, [{ path: 'body.quantity', message: `would make ${existing.quantity + input.quantity}; the most is ${settings.maxLineQuantity}` }]);
      }, { read: lines.variantForCartJson, id: input.variantId });
    },

    setLineQuantity(ctx: Ctx, cartId: string, token: string | undefined, lineId: string, quantity: number): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async ({ tx, cart, tenantId }) => {
        if (!(await lines.setLineQuantity(tx, tenantId, cart.id, lineId, quantity))) throw lineNotFound();
      });
    },

    removeLine(ctx: Ctx, cartId: string, token: string | undefined, lineId: string): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async ({ tx, cart, tenantId }) => {
        if (!(await lines.deleteLine(tx, tenantId, cart.id, lineId))) throw lineNotFound();
      });
    },
  };
}

const lineNotFound = () => new DomainError('CART_LINE_NOT_FOUND', 'This cart has no line with this id.');

export type CartService = ReturnType<typeof createCartService>;
