import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import type { ShippingAddress } from '../carts/index.ts';
import { releaseRedemption } from '../checkout-settings/index.ts';
import type { Money } from '../pricing/index.ts';
import { editSummary } from './order-edit-summary.ts';
import { planLines, type LineAddition, type LineChange, type LinePlan } from './order-edit-plan.ts';
import { priceEdit, type EditPricing } from './order-edit-pricing.ts';
import { moveEditedStock, type LineHold } from './order-edit-stock.ts';
import { orderEditView, snapshotOf, type OrderEditChanges, type OrderEditView } from './order-edit-view.ts';
import * as edits from './order-edit.repository.ts';
import { EDITABLE_STATUSES, type OrderStatus } from './order-status.ts';
import { orderDetailView, type OrderDetailView } from './order-view.ts';
import { orderAmountsOf } from './order-amounts.ts';
import * as repo from './order.repository.ts';
import { orderNotFound, storeOf, type OrdersDeps } from './orders.deps.ts';

export interface OrderEditInput {
  lines?: LineChange[] | undefined;
  addLines?: LineAddition[] | undefined;
  shippingAddress?: ShippingAddress | undefined;
  shippingMethodId?: string | undefined;
  email?: string | undefined;
  /** null clears it. */
  phone?: string | null | undefined;
  note?: string | undefined;
  /** When given, the edit goes through only if the edited order costs exactly this. */
  expectedGrandTotal?: Money | undefined;
}

const notEditable = (status: OrderStatus) =>
  new DomainError('ORDER_EDIT_STATUS_CONFLICT', `The order is ${status}; only ${[...EDITABLE_STATUSES].join(' or ')} orders can be edited.`, [
    { path: 'order.status', message: `is ${status}` },
  ]);

const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country', 'phone'] as const;
const sameAddress = (a: ShippingAddress, b: ShippingAddress) => ADDRESS_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));

function refuseUnexpectedTotal(expected: Money | undefined, total: Money): void {
  if (!expected || (expected.amount === total.amount && expected.currency === total.currency)) return;
  throw new DomainError('ORDER_EDIT_TOTAL_CONFLICT', `After this edit the order would cost ${total.amount} ${total.currency} (minor units), not the ${expected.amount} ${expected.currency} expected; nothing was changed.`, [
    { path: 'body.expectedGrandTotal', message: `the edited order costs ${total.amount} ${total.currency}` },
  ]);
}

/** Staff edit orders before fulfilment, with re-pricing (docs/orders.md#editing-an-order). */
export function createOrderEditService(deps: OrdersDeps) {
  const { db, jobQueue, payments } = deps;
  const detail = async (tx: Tx, tenantId: string, order: repo.OrderRow) =>
    orderDetailView(order, await repo.linesOfOrder(tx, tenantId, order.id), await repo.historyOfOrder(tx, tenantId, order.id));

  /** The edited lines' figures from the new totals: kept lines updated, removed ones deleted, added ones written after the last. */
  async function writeLines(tx: Tx, tenantId: string, order: repo.OrderRow, lines: repo.OrderLineRow[], plan: LinePlan<repo.OrderLineRow>, priced: EditPricing, holds: Map<string, LineHold>) {
    const figures = new Map(priced.totals.lines.map((l) => [l.lineId, l]));
    for (const { line, quantity } of plan.kept) {
      const f = figures.get(line.id)!;
      await edits.updateOrderLine(tx, tenantId, line.id, { quantity, discountAmount: f.discount.amount, taxAmount: f.tax.amount, totalAmount: f.total.amount, reservationId: holds.get(line.id)?.reservationId ?? line.reservationId });
    }
    await edits.deleteOrderLines(tx, tenantId, order.id, plan.removed.map((l) => l.id));
    if (priced.added.length === 0) return;
    const last = Math.max(-1, ...lines.map((l) => l.position));
    await repo.insertOrderLines(
      tx,
      priced.added.map(({ id, quantity, variant }, i) => {
        const f = figures.get(id)!;
        const hold = holds.get(id)!;
        return {
          tenantId, id, orderId: order.id, position: last + 1 + i, variantId: variant.id, productId: variant.productId, sku: variant.sku, name: variant.productName, optionValues: variant.optionValues,
          quantity, unitPriceAmount: variant.priceAmount, discountAmount: f.discount.amount, taxAmount: f.tax.amount, totalAmount: f.total.amount,
          taxClass: f.taxClass, taxRatePpm: f.taxRatePpm, reservationId: hold.reservationId, locationId: hold.locationId,
        };
      }),
    );
  }

  /** The edit row with both snapshots, a history row saying what changed (then the staff note), and `order.edited`. */
  async function recordEdit(tx: Tx, ctx: Ctx, tenantId: string, order: repo.OrderRow, edited: repo.OrderRow, changes: OrderEditChanges, note: string | undefined): Promise<void> {
    const actor = actorLabel(ctx.actor);
    const row = await edits.insertOrderEdit(tx, {
      tenantId, orderId: order.id, actor, note: note ?? null, changes: changes as unknown as Record<string, unknown>, grandTotalBefore: order.grandTotalAmount, grandTotalAfter: edited.grandTotalAmount,
    });
    const summary = editSummary(changes);
    await repo.insertHistory(tx, { tenantId, orderId: order.id, fromStatus: null, toStatus: null, actor, note: note ? `${summary} ${note}` : summary });
    await recordEvent(tx, ctx, tenantId, {
      type: 'order.edited',
      subject: { type: 'order', id: order.id },
      payload: {
        orderId: order.id, number: order.number, editId: row.id, grandTotalBefore: changes.before.grandTotal, grandTotalAfter: changes.after.grandTotal,
        lines: changes.after.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })), releasedDiscountIds: changes.releasedDiscountIds,
      },
    });
  }

  /** Every step of an edit, inside one transaction with the order's row locked (docs/orders.md#editing-an-order). */
  async function edit(tx: Tx, ctx: Ctx, tenantId: string, orderId: string, input: OrderEditInput): Promise<OrderDetailView> {
    const order = await repo.findOrder(tx, tenantId, orderId, true);
    if (!order) throw orderNotFound();
    if (!EDITABLE_STATUSES.has(order.status)) throw notEditable(order.status);
    const lines = await repo.linesOfOrder(tx, tenantId, orderId);
    const plan = planLines(lines, input.lines ?? [], input.addLines ?? []);
    const methodChanges = input.shippingMethodId !== undefined && input.shippingMethodId !== order.shippingMethod.id;
    const priced = plan.changed || methodChanges ? await priceEdit(tx, tenantId, order, plan, input.shippingMethodId) : null;
    const totals = priced?.totals ?? order.totals;
    refuseUnexpectedTotal(input.expectedGrandTotal, totals.grandTotal);

    const address = input.shippingAddress ?? order.shippingAddress;
    const contact = { email: input.email?.toLowerCase() ?? order.email, phone: input.phone === undefined ? order.phone : input.phone, shippingAddress: address, customerName: address.name };
    const contactChanges = contact.email !== order.email || contact.phone !== order.phone || !sameAddress(address, order.shippingAddress);
    if (!priced && !contactChanges) return detail(tx, tenantId, order);

    // Stock rows (by variant id), then discount rows (by id): the order checkout takes them in, so neither deadlocks the other.
    const holds = plan.changed ? await moveEditedStock(tx, ctx, jobQueue, tenantId, order.id, plan, priced?.added ?? [], input.lines ?? []) : new Map<string, LineHold>();
    const released = [...(priced?.droppedDiscountIds ?? [])].sort();
    for (const discountId of released) await releaseRedemption(tx, tenantId, { discountId, orderReference: order.id });
    if (priced) await writeLines(tx, tenantId, order, lines, plan, priced, holds);
    const method = priced ? { id: priced.shippingMethod.id, name: priced.shippingMethod.name, kind: priced.shippingMethod.kind } : order.shippingMethod;
    const edited = await edits.updateEditedOrder(tx, tenantId, order.id, {
      ...contact,
      shippingMethod: method,
      ...orderAmountsOf(totals),
    });
    await recordEdit(tx, ctx, tenantId, order, edited, { before: snapshotOf(order, lines), after: snapshotOf(edited, await repo.linesOfOrder(tx, tenantId, order.id)), releasedDiscountIds: released }, input.note);
    if (edited.grandTotalAmount !== order.grandTotalAmount) await payments.refreshStatus(tx, tenantId, order.id);
    return detail(tx, tenantId, (await repo.findOrder(tx, tenantId, order.id))!);
  }

  return {
    editOrder(ctx: Ctx, orderId: string, input: OrderEditInput): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => edit(tx, ctx, tenantId, orderId, input));
    },

    /** The order's edits, oldest first, with what each changed. */
    async listEdits(ctx: Ctx, orderId: string, page: PageQuery): Promise<Page<OrderEditView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.findOrder(tx, tenantId, orderId);
        if (!order) throw orderNotFound();
        return pageOf(await edits.listOrderEdits(tx, tenantId, orderId, page), page.limit, (row) => orderEditView(row, order.currency));
      });
    },
  };
}

export type OrderEditService = ReturnType<typeof createOrderEditService>;
