import type { Money, Totals } from '../pricing/index.ts';
import type { HistoryRow, OrderLineRow, OrderRow } from './order.repository.ts';
import type { OrderStatus } from './order-status.ts';
import type { OrderAddress, OrderShippingMethod } from './orders.tables.ts';

export interface OrderView {
  id: string;
  number: number;
  status: OrderStatus;
  currency: string;
  customerId: string | null;
  email: string;
  phone: string | null;
  customerName: string;
  shippingAddress: OrderAddress;
  shippingMethod: OrderShippingMethod;
  paymentMethod: OrderRow['paymentMethod'];
  paymentStatus: OrderRow['paymentStatus'];
  subtotal: Money;
  discountTotal: Money;
  shippingTotal: Money;
  taxTotal: Money;
  grandTotal: Money;
  tags: string[];
  placedAt: string;
  updatedAt: string;
}

export interface OrderLineView {
  id: string;
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  optionValues: Record<string, string>;
  quantity: number;
  unitPrice: Money;
  discount: Money;
  tax: Money;
  total: Money;
  taxClass: string;
  taxRatePpm: number;
}

export interface HistoryView {
  from: OrderStatus | null;
  to: OrderStatus | null;
  actor: string;
  note: string | null;
  at: string;
}

export interface OrderDetailView extends OrderView {
  lines: OrderLineView[];
  totals: Totals;
  history: HistoryView[];
}

export function orderView(row: OrderRow): OrderView {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    // Only checkout's own transaction ever sees an order before its number is set.
    number: row.number ?? 0,
    status: row.status,
    currency: row.currency,
    customerId: row.customerId,
    email: row.email,
    phone: row.phone,
    customerName: row.customerName,
    shippingAddress: row.shippingAddress,
    shippingMethod: row.shippingMethod,
    paymentMethod: row.paymentMethod,
    paymentStatus: row.paymentStatus,
    subtotal: money(row.subtotalAmount),
    discountTotal: money(row.discountAmount),
    shippingTotal: money(row.shippingAmount),
    taxTotal: money(row.taxAmount),
    grandTotal: money(row.grandTotalAmount),
    tags: row.tags,
    placedAt: row.placedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function orderLineView(row: OrderLineRow, currency: string): OrderLineView {
  const money = (amount: number) => ({ amount, currency });
  return {
    id: row.id,
    variantId: row.variantId,
    productId: row.productId,
    sku: row.sku,
    name: row.name,
    optionValues: row.optionValues,
    quantity: row.quantity,
    unitPrice: money(row.unitPriceAmount),
    discount: money(row.discountAmount),
    tax: money(row.taxAmount),
    total: money(row.totalAmount),
    taxClass: row.taxClass,
    taxRatePpm: row.taxRatePpm,
  };
}

export const historyView = (row: HistoryRow): HistoryView => ({ from: row.fromStatus, to: row.toStatus, actor: row.actor, note: row.note, at: row.at.toISOString() });

export function orderDetailView(order: OrderRow, lines: OrderLineRow[], history: HistoryRow[]): OrderDetailView {
  return { ...orderView(order), lines: lines.map((l) => orderLineView(l, order.currency)), totals: order.totals, history: history.map(historyView) };
}
