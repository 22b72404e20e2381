import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { customerKeyOf, customerUses, findDiscountByCode } from '../checkout-settings/index.ts';
import { changeCart, type CartChange } from './cart-access.ts';
import { priceCart } from './cart-pricing.ts';
import type { CartView } from './cart-view.ts';
import type { CartDeps } from './carts.deps.ts';

/** Codes one cart may hold at once. */
export const MAX_CODES_PER_CART = 5;

const REASONS: Record<string, string> = {
  unknown: 'no active discount has this code',
  used_up: 'every use of this code has been taken',
  customer_limit_reached: 'you have used this code as often as it allows',
  too_many_codes: `a cart holds at most ${MAX_CODES_PER_CART} codes`,
  not_started: 'this code is not valid yet',
  expired: 'this code has expired',
  wrong_currency: "this code is in another currency than the cart's",
  nothing_in_scope: 'nothing in the cart is eligible for this code',
  minimum_not_met: 'the cart does not reach the minimum this code needs',
  not_combinable: 'this code cannot be combined with the discounts the cart already has, which save more',
};

/** The code is refused; `errors[0].message` starts with the reason (a totals-engine reason code, or unknown, used_up, customer_limit_reached, too_many_codes). */
const rejected = (code: string, reason: string) =>
  new DomainError('CART_DISCOUNT_CODE_REJECTED', `The code "${code}" cannot be used: ${REASONS[reason] ?? reason}.`, [{ path: 'body.code', message: `${reason}: ${REASONS[reason] ?? reason}` }]);

const sameCode = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Why the code cannot go on this cart, or the code as the discount spells it when it can; judged by the totals engine on the cart as it is now. */
async function whyNot({ tx, tenantId, cart, store }: CartChange, code: string): Promise<{ reason: string } | { canonical: string }> {
  const discount = await findDiscountByCode(tx, tenantId, code);
  if (!discount || !discount.active || !discount.code) return { reason: 'unknown' };
  if (discount.usageLimit !== null && discount.timesUsed >= discount.usageLimit) return { reason: 'used_up' };
  const who = customerKeyOf({ customerId: cart.customerId, email: cart.email });
  if (who && discount.perCustomerLimit !== null && (await customerUses(tx, tenantId, discount.id, who)) >= discount.perCustomerLimit) return { reason: 'customer_limit_reached' };
  if (cart.discountCodes.length >= MAX_CODES_PER_CART) return { reason: 'too_many_codes' };
  const priced = await priceCart(tx, tenantId, { ...cart, discountCodes: [...cart.discountCodes, discount.code] }, { store });
  const notApplied = priced.totals.discountsNotApplied.find((d) => d.discountId === discount.id);
  return notApplied ? { reason: notApplied.reason } : { canonical: discount.code };
}

/** Discount codes on a cart. Usage limits are checked here as a courtesy and enforced when the order is placed. */
export function createCartDiscountService(deps: CartDeps) {
  return {
    applyCode(ctx: Ctx, cartId: string, token: string | undefined, code: string): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async (change) => {
        const { cart } = change;
        if (cart.discountCodes.some((c) => sameCode(c, code))) return;
        const verdict = await whyNot(change, code);
        if ('reason' in verdict) throw rejected(code, verdict.reason);
        return { discountCodes: [...cart.discountCodes, verdict.canonical] };
      });
    },

    /** Takes a code off the cart; a code the cart does not hold changes nothing. */
    removeCode(ctx: Ctx, cartId: string, token: string | undefined, code: string): Promise<CartView> {
      return changeCart(deps, ctx, cartId, token, async ({ cart }) => ({ discountCodes: cart.discountCodes.filter((c) => !sameCode(c, code)) }));
    },
  };
}

export type CartDiscountService = ReturnType<typeof createCartDiscountService>;
