import type { Tx } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { queueMail, type MailRequest } from '../mail/index.ts';
import type { OrderLineRow, OrderRow } from './order.repository.ts';

/** What the confirmation says of the store. */
export interface ConfirmingStore {
  name: string | undefined;
  locale: string | undefined;
}

/** An address under `.invalid` (RFC 2606) stands for "no email given" (a phone-only checkout form) and is never mailed. */
const noEmail = (address: string) => address.toLowerCase().endsWith('.invalid');

/** The order_confirmation mail of a numbered order; null when the order has no email address. */
export function confirmationMailOf(order: OrderRow & { number: number }, lines: readonly OrderLineRow[], store: ConfirmingStore): MailRequest<'order_confirmation'> | null {
  if (noEmail(order.email)) return null;
  return {
    type: 'order_confirmation',
    to: order.email,
    locale: store.locale ?? 'en',
    tenantId: order.tenantId,
    variables: {
      storeName: store.name ?? 'Winkel',
      customerName: order.customerName,
      orderNumber: order.number,
      currency: order.currency,
      paymentMethod: order.paymentMethod,
      lines: lines.map((l) => ({ name: l.name, sku: l.sku, quantity: l.quantity, total: l.totalAmount })),
      subtotal: order.subtotalAmount,
      discount: order.discountAmount,
      shipping: order.shippingAmount,
      tax: order.taxAmount,
      grandTotal: order.grandTotalAmount,
    },
  };
}

/** Queues the order_confirmation mail of a numbered order, in the caller's transaction; none when the order has no email address. */
export async function queueOrderConfirmation(tx: Tx, jobQueue: JobQueue, order: OrderRow & { number: number }, lines: readonly OrderLineRow[], store: ConfirmingStore) {
  const mail = confirmationMailOf(order, lines, store);
  return mail ? queueMail(tx, jobQueue, mail) : null;
}
