import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { createFilledCart, priceCart } from '../carts/index.ts';
import { findShippingMethod } from '../checkout-settings/index.ts';
import { availableForOrder } from '../inventory/index.ts';
import { storeOf, type CheckoutFormsDeps } from './checkout-forms.deps.ts';
import { checkFormToken } from './form-token.ts';
import type { PublicForm } from './public-form.service.ts';
import { orderEmailOf, readFormPost, type FormPost, type ShopperDetails } from './shopper-input.ts';

/** A post as the route hands it over: the shopper's answers, the token the page was served with, and the honeypot. */
export interface FormOrderInput extends FormPost {
  formToken: string;
  website?: string | undefined;
}

/** What the shopper is told: no internal ids. */
export interface PlacedFormOrder {
  orderNumber: number;
  total: { amount: number; currency: string };
  message: string | null;
}

/** One answer for every bot check, so a bot cannot learn which one it failed; the log says which. */
const refusedAsAutomated = () =>
  new DomainError('CHECKOUT_FORM_REFUSED', 'The form could not be accepted. Reload the page and send it again.', [{ path: 'body', message: 'was not accepted; reload the form and send it again' }]);

const unavailable = () => new DomainError('CHECKOUT_FORM_UNAVAILABLE', 'This form cannot take orders right now; nothing was ordered. Try again later.');

const soldOut = (index: number, available: number) =>
  new DomainError('CHECKOUT_FORM_STOCK_CONFLICT', `Only ${available} of an item can be ordered now.`, [{ path: `body.items.${index}.quantity`, message: `only ${available} available` }]);

/** Places the order a public checkout form posts: pending, cash on delivery (docs/checkout-forms.md#posting-an-order). */
export function createFormOrderService(deps: CheckoutFormsDeps) {
  const { checkout, cartSettings, tokenKey } = deps;
  const now = deps.now ?? Date.now;

  /** The bot checks, before anything else is read or written. */
  function refuseAutomated(ctx: Ctx, form: PublicForm, input: FormOrderInput): void {
    const tokenCheck = checkFormToken(tokenKey, { tenantId: form.tenantId, formId: form.id }, input.formToken, now(), form.minFillSeconds * 1000);
    const reason = input.website ? 'honeypot' : tokenCheck.ok ? null : tokenCheck.reason;
    if (!reason) return;
    ctx.log.info({ checkoutFormId: form.id, reason }, 'checkout form post refused as automated');
    throw refusedAsAutomated();
  }

  /** Inside the order's transaction, before the cart is made: the form's delivery still usable, and enough stock for each item. */
  async function checkOrderable(tx: Tx, ctx: Ctx, tenantId: string, form: PublicForm, details: ShopperDetails): Promise<void> {
    const method = await findShippingMethod(tx, tenantId, form.shippingMethodId);
    if (!method || !method.active || method.kind !== 'cash_on_delivery' || method.currency !== form.currency) {
      ctx.log.warn({ checkoutFormId: form.id }, 'checkout form refused an order: its shipping method is no longer an active cash-on-delivery method');
      throw unavailable();
    }
    const stock = await availableForOrder(tx, tenantId, details.lines.map((l) => l.variantId));
    details.lines.forEach((line, index) => {
      const available = stock.available.get(line.variantId) ?? 0;
      if (available < line.quantity) throw soldOut(index, Math.max(0, available));
    });
  }

  return {
    async placeOrder(ctx: Ctx, form: PublicForm, input: FormOrderInput): Promise<PlacedFormOrder> {
      const tenantId = storeOf(ctx);
      if (tenantId !== form.tenantId) throw new Error('a form posted through another store');
      refuseAutomated(ctx, form, input);
      const read = readFormPost(form, input);
      if (!read.ok) throw new DomainError('CHECKOUT_FORM_POST_INVALID', `The order cannot be placed: ${read.problems.map((p) => p.path).join(', ')}.`, read.problems);
      const { details } = read;
      const order = await checkout.placeWith(
        ctx,
        async (tx, store) => {
          await checkOrderable(tx, ctx, store, form, details);
          return priceCart(tx, store, await createFilledCart(tx, store, cartSettings, {
            lines: details.lines,
            email: orderEmailOf(details),
            shippingAddress: details.address,
            shippingMethodId: form.shippingMethodId,
            linePath: (index) => `body.items.${index}`,
          }));
        },
        { paymentMethod: 'cash_on_delivery', source: 'checkout_form', checkoutFormId: form.id },
      );
      return { orderNumber: order.number, total: order.grandTotal, message: form.successMessage };
    },
  };
}

export type FormOrderService = ReturnType<typeof createFormOrderService>;
