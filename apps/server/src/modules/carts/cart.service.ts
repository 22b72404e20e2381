import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { commitWith, inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { changeCartLines, changeCartLinesWith, openPricedCart, type ChangeDecision, type OpenedChange } from './cart-access.ts';
import type { CartLineDetail } from './cart-line.repository.ts';
import { createAndPriceCart } from './cart-pricing.ts';
import { hashCartToken, newCartToken } from './cart-token.ts';
import { cartView, type CartView } from './cart-view.ts';
import { storeOf, type CartDeps } from './carts.deps.ts';

/** A variant as a new line of the cart would show it. */
type VariantDetail = Omit<CartLineDetail, 'id' | 'quantity'>;

export interface AddLineInput {
  variantId: string;
  quantity: number;
}

const variantRefused = (code: string, detail: string, message: string) => new DomainError(code, detail, [{ path: 'body.variantId', message }]);

/** The variant read with the locked cart, when it can go into this cart; else why not. */
function sellableVariant({ cart, store, variant }: OpenedChange): VariantDetail {
  if (!variant || !variant.onSale) throw variantRefused('CART_VARIANT_NOT_SELLABLE', 'This store sells no such variant (unknown, or its product is not active and published).', 'is not a variant on sale in this store');
  if (variant.currency !== cart.currency) throw variantRefused('CART_CURRENCY_MISMATCH', `The variant is priced in ${variant.currency}, the cart is in ${cart.currency}.`, `is priced in ${variant.currency}, not the cart's ${cart.currency}`);
  if (!Object.hasOwn(store.taxRates, variant.taxClass)) throw variantRefused('CART_TAX_RATE_MISSING', `The variant's tax class "${variant.taxClass}" has no tax rate in this store.`, `has tax class "${variant.taxClass}", which has no rate in this store`);
  return variant;
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
      return changeCartLinesWith(deps, ctx, cartId, token, input.variantId, (change): ChangeDecision => {
        const variant = sellableVariant(change);
        // The cart is locked and its lines were read with the lock: they are the lines this change adds to.
        const held = change.lines;
        const existing = held.find((line) => line.variantId === input.variantId);
        const quantity = (existing?.quantity ?? 0) + input.quantity;
        if (quantity > settings.maxLineQuantity) {
          throw new DomainError('CART_QUANTITY_TOO_LARGE', `A line holds at most ${settings.maxLineQuantity}; the cart has ${existing?.quantity ?? 0} already.`, [{ path: 'body.quantity', message: `would make ${quantity}; the most is ${settings.maxLineQuantity}` }]);
        }
        if (existing) return { line: { write: { kind: 'quantity', id: existing.id, quantity }, linesAfter: held.map((line) => (line.id === existing.id ? { ...line, quantity } : line)) } };
        if (held.length >= settings.maxLines) {
          throw new DomainError('CART_TOO_MANY_LINES', `A cart holds at most ${settings.maxLines} different items.`, [{ path: 'body.variantId', message: `would be line ${settings.maxLines + 1}; the most is ${settings.maxLines}` }]);
        }
        const added: CartLineDetail = { ...variant, id: uuidv7(), quantity };
        // Lines are listed by id, as the database lists them.
        return { line: { write: { kind: 'insert', id: added.id, variantId: input.variantId, quantity }, linesAfter: [...held, added].sort((a, b) => (a.id < b.id ? -1 : 1)) } };
      });
    },

    setLineQuantity(ctx: Ctx, cartId: string, token: string | undefined, lineId: string, quantity: number): Promise<CartView> {
      return changeCartLines(deps, ctx, cartId, token, ({ lines: held }) => {
        if (!held.some((line) => line.id === lineId)) throw lineNotFound();
        return { line: { write: { kind: 'quantity', id: lineId, quantity }, linesAfter: held.map((line) => (line.id === lineId ? { ...line, quantity } : line)) } };
      });
    },

    removeLine(ctx: Ctx, cartId: string, token: string | undefined, lineId: string): Promise<CartView> {
      return changeCartLines(deps, ctx, cartId, token, ({ lines: held }) => {
        if (!held.some((line) => line.id === lineId)) throw lineNotFound();
        return { line: { write: { kind: 'delete', id: lineId }, linesAfter: held.filter((line) => line.id !== lineId) } };
      });
    },
  };
}

const lineNotFound = () => new DomainError('CART_LINE_NOT_FOUND', 'This cart has no line with this id.');

export type CartService = ReturnType<typeof createCartService>;
