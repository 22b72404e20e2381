import { performance } from 'node:perf_hooks';
import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { commitWith, inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { eventWriteStep } from '../../platform/events/index.ts';
import type { WriteStep } from '../../platform/db/write-step.ts';
import { cartConversionStep, openPricedCart, type CartRow, type PricedCart, type PricedLine } from '../carts/index.ts';
import { redeemDiscount } from '../checkout-settings/index.ts';
import { holdRefusalOf, holdStockAtOrderLocation, reservedLocationOf, sendOrderHolds, type SentOrderHold } from '../inventory/index.ts';
import type { Totals } from '../pricing/index.ts';
import { checkoutProblems } from './checkout-readiness.ts';
import { orderDetailView, type OrderDetailView } from './order-view.ts';
import { orderAmountsOf } from './order-amounts.ts';
import * as repo from './order.repository.ts';
import type { OrderLineRow } from './order.repository.ts';
import { stockReferenceOf, storeOf, type OrdersDeps } from './orders.deps.ts';
import type { OrderSource, PaymentMethod } from './orders.tables.ts';

export interface CheckoutInput {
  paymentMethod: PaymentMethod;
}

/** What placing an order needs besides the cart; `source` and `checkoutFormId` say where it came from. */
export interface PlaceOrderInput extends CheckoutInput {
  source?: OrderSource;
  checkoutFormId?: string;
}

/** Opens (and locks) the cart to be ordered, inside the placing transaction, and prices it. */
export type CartOpener = (tx: Tx, tenantId: string) => Promise<PricedCart>;

/** The stock a line holds; the location is left for the order's statement to read when the hold is still on its way. */
type Hold = { reservationId: string; locationId?: string };

/** How a transaction places its order (docs/orders.md#checkout). */
type Placing = 'pipelined' | 'stepwise';

/** The pipelined checkout met what only the stepwise one handles (a low-stock alert, a missing stock row): it rolled back, to be placed stepwise. */
class PlaceStepwise extends Error {}

const REDEEM_REASONS = { unavailable: 'it is no longer active', used_up: 'every use of it has been taken', customer_limit_reached: 'you have used it as often as it allows' } as const;

/** Places orders from carts (docs/orders.md#checkout). */
export function createCheckoutService(deps: OrdersDeps) {
  const { db, jobQueue, metrics, confirmations, payments } = deps;

  const stockConflict = (line: PricedLine, available: number) =>
    new DomainError('CHECKOUT_STOCK_CONFLICT', `Only ${Math.max(0, available)} of ${line.sku} (variant ${line.variantId}) available; the cart asks for ${line.quantity}.`, [
      { path: `cart.lines.${line.id}.quantity`, message: `variant ${line.variantId} (${line.sku}): only ${Math.max(0, available)} available` },
    ]);

  /** Holds stock for every line, variants in id order so that checkouts sharing variants queue instead of deadlocking. */
  async function reserveLines(tx: Tx, ctx: Ctx, tenantId: string, orderId: string, lines: readonly PricedLine[]): Promise<Map<string, Required<Hold>>> {
    const started = performance.now();
    try {
      const holds = new Map<string, Required<Hold>>();
      for (const line of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
        const hold = await holdStockAtOrderLocation(tx, ctx, jobQueue, tenantId, { variantId: line.variantId, quantity: line.quantity, reference: stockReferenceOf(orderId) });
        if (!hold.ok) throw stockConflict(line, hold.available);
        holds.set(line.id, hold);
      }
      return holds;
    } finally {
      metrics.stockLockWaitSeconds((performance.now() - started) / 1000);
    }
  }

  /** Uses each applied discount once, in id order, never past its limits. */
  async function redeemApplied(tx: Tx, tenantId: string, orderId: string, cart: CartRow, totals: Totals): Promise<void> {
    for (const applied of [...totals.appliedDiscounts].sort((a, b) => a.discountId.localeCompare(b.discountId))) {
      const outcome = await redeemDiscount(tx, tenantId, { discountId: applied.discountId, orderReference: orderId, customerId: cart.customerId, email: cart.email });
      if (outcome.ok) continue;
      const name = applied.code ?? `automatic discount ${applied.discountId}`;
      throw new DomainError('CHECKOUT_DISCOUNT_REJECTED', `The discount ${name} cannot be used: ${REDEEM_REASONS[outcome.reason]}. Remove it and check out again.`, [
        { path: applied.code ? `cart.discountCodes.${applied.code}` : `cart.discounts.${applied.discountId}`, message: `${outcome.reason}: ${REDEEM_REASONS[outcome.reason]}` },
      ]);
    }
  }

  /** The order with its first history row and its lines, as the cart was priced, each line with the stock it holds. */
  function writeOrder<H extends Hold>(tx: Tx, ctx: Ctx, tenantId: string, orderId: string, priced: PricedCart, input: PlaceOrderInput, holds: Map<string, H>, steps: WriteStep[], pipelined = false) {
    const { cart, totals } = priced;
    const address = cart.shippingAddress!;
    const method = priced.shippingMethod!;
    const lineTotals = new Map(totals.lines.map((l) => [l.lineId, l]));
    return repo.insertPlacedOrder(
      tx,
      {
        tenantId,
        id: orderId,
        currency: cart.currency,
        customerId: cart.customerId,
        email: cart.email!,
        phone: address.phone ?? null,
        customerName: address.name,
        shippingAddress: address,
        shippingMethod: { id: method.id, name: method.name, kind: method.kind },
        paymentMethod: input.paymentMethod,
        source: input.source ?? 'storefront',
        checkoutFormId: input.checkoutFormId ?? null,
        ...orderAmountsOf(totals),
        cartId: cart.id,
      },
      { tenantId, id: uuidv7(), orderId, fromStatus: null, toStatus: 'pending', actor: actorLabel(ctx.actor), note: null },
      priced.lines.map((line, position): Omit<OrderLineRow, 'locationId'> & { locationId: H['locationId'] } => {
        const figures = lineTotals.get(line.id)!;
        const hold = holds.get(line.id)!;
        return {
          tenantId, id: uuidv7(), orderId, position, variantId: line.variantId, productId: line.productId, sku: line.sku, name: line.productName, optionValues: line.optionValues,
          quantity: line.quantity, unitPriceAmount: line.priceAmount, discountAmount: figures.discount.amount, taxAmount: figures.tax.amount, totalAmount: figures.total.amount,
          taxClass: figures.taxClass, taxRatePpm: figures.taxRatePpm, reservationId: hold.reservationId, locationId: hold.locationId,
        };
      }),
      steps,
      pipelined ? reservedLocationOf : undefined,
    );
  }

  /** The `order.created` event and the cart's conversion: written by the order's statement. */
  function placedSteps(ctx: Ctx, tenantId: string, orderId: string, priced: PricedCart, input: PlaceOrderInput): WriteStep[] {
    const { cart } = priced;
    const converted = cartConversionStep(tenantId, cart.id, deps.cartTtlDays);
    const created = eventWriteStep(ctx, tenantId, {
      type: 'order.created',
      subject: { type: 'order', id: orderId },
      payload: {
        orderId, cartId: cart.id, status: 'pending', customerId: cart.customerId, email: cart.email, paymentMethod: input.paymentMethod, source: input.source ?? 'storefront',
        grandTotal: priced.totals.grandTotal, lines: priced.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      },
    });
    return [converted, created];
  }

  /**
   * The order in one round trip with the commit: the stock holds and the order's statement are
   * sent together, then the commit (commitWith). A hold that cannot hold its line stops the
   * transaction by itself, so nothing is written and no number taken. For carts with nothing else
   * to settle first: no discount to redeem, no payment to attach.
   */
  async function placePipelined(tx: Tx, ctx: Ctx, tenantId: string, priced: PricedCart, input: PlaceOrderInput): Promise<OrderDetailView> {
    const orderId = uuidv7();
    const steps = placedSteps(ctx, tenantId, orderId, priced, input);
    const started = performance.now();
    let sent: SentOrderHold[] = [];
    const send = () => {
      sent = sendOrderHolds(tx, tenantId, priced.lines, stockReferenceOf(orderId));
      const holds = new Map<string, Hold>(sent.map((hold) => [hold.lineId, { reservationId: hold.reservationId }]));
      const written = writeOrder(tx, ctx, tenantId, orderId, priced, input, holds, steps, true);
      const held = Promise.all(sent.map((hold) => hold.answer)).finally(() => metrics.stockLockWaitSeconds((performance.now() - started) / 1000));
      return Promise.all([held, written]);
    };
    try {
      const [locations, { order, history, lines }] = await commitWith(tx, send);
      const locationOf = new Map(sent.map((hold, i) => [hold.lineId, locations[i]!.locationId]));
      return orderDetailView(order, lines.map((line) => ({ ...line, locationId: locationOf.get(line.id)! })), [history]);
    } catch (err) {
      // Every statement behind a refusing hold failed too, and their errors may come first: ask the holds.
      const failures = await Promise.all(sent.map((hold) => hold.answer.then(() => undefined, (holdFailed: unknown) => holdFailed)));
      const refusal = failures.map(holdRefusalOf).find((found) => found !== undefined);
      if (!refusal) throw err;
      const line = priced.lines.find((l) => l.variantId === refusal.variantId);
      if (refusal.kind === 'short' && line && refusal.available !== null && refusal.available < line.quantity) throw stockConflict(line, refusal.available);
      throw new PlaceStepwise(`checkout of cart ${priced.cart.id}: ${refusal.kind} on variant ${refusal.variantId}`);
    }
  }

  /** Every step of placing an order, inside the caller's transaction (docs/orders.md#checkout). */
  async function placeOrder(tx: Tx, ctx: Ctx, tenantId: string, priced: PricedCart, input: PlaceOrderInput, placing: Placing): Promise<OrderDetailView> {
    const { cart } = priced;
    const problems = checkoutProblems({ email: cart.email, shippingAddress: cart.shippingAddress ?? null, shippingMethod: priced.shippingMethod, lines: priced.lines }, input.paymentMethod);
    if (problems.length > 0) throw new DomainError('CHECKOUT_INCOMPLETE', `The cart cannot be ordered yet: ${problems.map((p) => p.path).join(', ')}.`, problems);
    const method = input.paymentMethod;
    const settlesNothingFirst = priced.totals.appliedDiscounts.length === 0 && (method === 'manual' || method === 'cash_on_delivery');
    if (placing === 'pipelined' && settlesNothingFirst) return placePipelined(tx, ctx, tenantId, priced, input);
    // Paid online: the cart's payment must be for exactly what the cart costs now (docs/payments.md#checkout).
    const paymentId = method === 'stripe' || method === 'mollie' ? await payments.lockForCheckout(tx, tenantId, { cartId: cart.id, provider: method, grandTotal: priced.totals.grandTotal }) : null;
    const orderId = uuidv7();
    // The rows other checkouts contend for, always in this order (stock by variant, discounts by id), so none deadlock.
    const holds = await reserveLines(tx, ctx, tenantId, orderId, priced.lines);
    await redeemApplied(tx, tenantId, orderId, cart, priced.totals);
    // Then every write in one statement, so those rows are held only for it and the commit. The order is
    // numbered there, after every check that can refuse the checkout: a refused checkout uses no number.
    const { order, history, lines } = await writeOrder(tx, ctx, tenantId, orderId, priced, input, holds, placedSteps(ctx, tenantId, orderId, priced, input));
    const paymentStatus = paymentId ? await payments.attachToOrder(tx, tenantId, paymentId, orderId) : null;
    if (paymentStatus === null) return orderDetailView(order, lines, [history]);
    // Paid in full already (the payment succeeded before checkout): confirmed at once, as a notification would.
    if (paymentStatus === 'paid') await payments.confirmPaid(tx, ctx, tenantId, orderId);
    return orderDetailView((await repo.findOrder(tx, tenantId, orderId))!, lines, await repo.historyOfOrder(tx, tenantId, orderId));
  }

  /**
   * Opens a cart and places its order in one transaction. Any refusal rolls everything back: no
   * stock held, no discount used, no order, the cart (if it existed before) still active.
   */
  async function placeWith(ctx: Ctx, openIn: CartOpener, input: PlaceOrderInput): Promise<OrderDetailView> {
    const tenantId = storeOf(ctx);
    const started = performance.now();
    try {
      const place = (placing: Placing) => inTransaction(db, { tenantId }, async (tx) => placeOrder(tx, ctx, tenantId, await openIn(tx, tenantId), input, placing));
      const placed = await place('pipelined').catch((err: unknown) => (err instanceof PlaceStepwise ? place('stepwise') : Promise.reject(err)));
      // The confirmation mail is queued by a job, with those of other orders placed meanwhile (docs/orders.md#confirmation-mail).
      confirmations.nudge(tenantId);
      metrics.enteredStatus('pending');
      if (placed.status === 'confirmed') metrics.enteredStatus('confirmed');
      metrics.checkoutSeconds((performance.now() - started) / 1000, 'placed');
      return placed;
    } catch (err) {
      metrics.checkoutSeconds((performance.now() - started) / 1000, 'refused');
      throw err;
    }
  }

  return {
    /** A shopper's checkout of their cart (docs/orders.md#checkout). */
    checkout(ctx: Ctx, cartId: string, token: string | undefined, input: CheckoutInput): Promise<OrderDetailView> {
      return placeWith(ctx, (tx, tenantId) => openPricedCart(tx, tenantId, cartId, token, true), input);
    },
    /** For other ways in (public checkout forms): `openIn` builds or opens the cart inside the same transaction. */
    placeWith,
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
