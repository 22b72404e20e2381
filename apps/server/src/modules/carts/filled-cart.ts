import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { findShippingMethod, loadCheckoutStore } from '../checkout-settings/index.ts';
import { addToLine, findVariantForCart } from './cart-line.repository.ts';
import { hashCartToken, newCartToken } from './cart-token.ts';
import { insertCart, type CartRow } from './cart.repository.ts';
import type { CartSettings } from './carts.deps.ts';
import type { ShippingAddress } from './carts.tables.ts';

export interface FilledCartInput {
  lines: ReadonlyArray<{ variantId: string; quantity: number }>;
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethodId: string;
  /** Where a refusal of line `index` is reported (its `.variantId` or `.quantity`); default `lines.<index>`. */
  linePath?: (index: number) => string;
}

const refused = (code: string, detail: string, path: string, message: string) => new DomainError(code, detail, [{ path, message }]);

/**
 * A cart made complete in one go inside the caller's transaction, for ways in that send the whole
 * order at once (public checkout forms): lines, email, address and shipping method, each checked as
 * the cart routes check them. Its token is thrown away, so nobody can open the cart afterwards; it
 * is meant to be ordered in the same transaction.
 */
export async function createFilledCart(tx: Tx, tenantId: string, settings: CartSettings, input: FilledCartInput): Promise<CartRow> {
  const linePath = input.linePath ?? ((index: number) => `lines.${index}`);
  const store = await loadCheckoutStore(tx, tenantId);
  if (!store.defaultCurrency) throw new Error('the store of this context no longer exists');
  const currency = store.defaultCurrency;

  for (const [index, line] of input.lines.entries()) {
    const variant = await findVariantForCart(tx, tenantId, line.variantId);
    const path = `${linePath(index)}.variantId`;
    if (!variant || !variant.onSale) throw refused('CART_VARIANT_NOT_SELLABLE', 'This store sells no such variant (unknown, or its product is not active and published).', path, 'is not a variant on sale in this store');
    if (variant.currency !== currency) throw refused('CART_CURRENCY_MISMATCH', `The variant is priced in ${variant.currency}, the store sells in ${currency}.`, path, `is priced in ${variant.currency}, not in ${currency}`);
    if (!Object.hasOwn(store.taxRates, variant.taxClass)) throw refused('CART_TAX_RATE_MISSING', `The variant's tax class "${variant.taxClass}" has no tax rate in this store.`, path, `has tax class "${variant.taxClass}", which has no rate in this store`);
  }
  const method = await findShippingMethod(tx, tenantId, input.shippingMethodId);
  if (!method || !method.active || method.currency !== currency) {
    throw refused('CART_SHIPPING_METHOD_INVALID', 'This store offers no such shipping method for this cart.', 'shippingMethodId', 'is not an active shipping method of this store');
  }

  const cart = await insertCart(
    tx,
    { id: uuidv7(), tenantId, tokenHash: hashCartToken(newCartToken()), currency, email: input.email.toLowerCase(), shippingAddress: input.shippingAddress, shippingMethodId: method.id },
    settings.ttlDays,
  );
  for (const [index, line] of input.lines.entries()) {
    if (await addToLine(tx, tenantId, cart.id, line.variantId, line.quantity, { maxQuantity: settings.maxLineQuantity, maxLines: settings.maxLines })) continue;
    throw refused('CART_QUANTITY_TOO_LARGE', `A cart holds at most ${settings.maxLines} different items of at most ${settings.maxLineQuantity} each.`, `${linePath(index)}.quantity`, `is more than a cart takes (at most ${settings.maxLineQuantity} each, ${settings.maxLines} lines)`);
  }
  return cart;
}
