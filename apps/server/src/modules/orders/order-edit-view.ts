import type { Money } from '../pricing/index.ts';
import type { OrderLineRow, OrderRow } from './order.repository.ts';
import type { orderEdits, OrderAddress, OrderShippingMethod } from './orders.tables.ts';

/** What an edit can change, as it was before or became after it. */
export interface OrderEditSnapshot {
  email: string;
  phone: string | null;
  shippingAddress: OrderAddress;
  shippingMethod: OrderShippingMethod;
  lines: Array<{ lineId: string; variantId: string; sku: string; name: string; quantity: number; unitPrice: Money; taxRatePpm: number; total: Money }>;
  subtotal: Money;
  discountTotal: Money;
  shippingTotal: Money;
  taxTotal: Money;
  grandTotal: Money;
  discounts: Array<{ discountId: string; code: string | null; amount: Money }>;
}

/** What `order_edits.changes` holds. */
export interface OrderEditChanges {
  before: OrderEditSnapshot;
  after: OrderEditSnapshot;
  /** Discounts whose use the edit gave back. */
  releasedDiscountIds: string[];
}

export interface OrderEditView extends OrderEditChanges {
  id: string;
  actor: string;
  note: string | null;
  grandTotalBefore: Money;
  grandTotalAfter: Money;
  at: string;
}

export type OrderEditRow = typeof orderEdits.$inferSelect;

export function snapshotOf(order: OrderRow, lines: readonly OrderLineRow[]): OrderEditSnapshot {
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    email: order.email,
    phone: order.phone,
    shippingAddress: order.shippingAddress,
    shippingMethod: order.shippingMethod,
    lines: lines.map((l) => ({ lineId: l.id, variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: money(l.unitPriceAmount), taxRatePpm: l.taxRatePpm, total: money(l.totalAmount) })),
    subtotal: money(order.subtotalAmount),
    discountTotal: money(order.discountAmount),
    shippingTotal: money(order.shippingAmount),
    taxTotal: money(order.taxAmount),
    grandTotal: money(order.grandTotalAmount),
    discounts: order.totals.appliedDiscounts.map((d) => ({ discountId: d.discountId, code: d.code, amount: d.amount })),
  };
}

export function orderEditView(row: OrderEditRow, currency: string): OrderEditView {
  const changes = row.changes as unknown as OrderEditChanges;
  return {
    id: row.id,
    actor: row.actor,
    note: row.note,
    grandTotalBefore: { amount: row.grandTotalBefore, currency },
    grandTotalAfter: { amount: row.grandTotalAfter, currency },
    before: changes.before,
    after: changes.after,
    releasedDiscountIds: changes.releasedDiscountIds,
    at: row.at.toISOString(),
  };
}
