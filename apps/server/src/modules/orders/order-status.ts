import { DomainError } from '../../platform/errors.ts';

export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'processing',
  'shipped',
  'out_for_delivery',
  'delivered',
  'completed',
  'cancelled',
  'returned',
  'partially_refunded',
  'refunded',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Every move an order may make, and nothing else: checkout, staff, the
 * delivery desk, payment webhooks and jobs all go through this table.
 * - A shipment that fails at the door goes back to `shipped` (next attempt) or `returned`.
 * - Money goes back only from an order that was cancelled, returned or delivered/completed;
 *   a partial refund may be followed by more, until the whole amount is refunded.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'out_for_delivery', 'cancelled'],
  shipped: ['out_for_delivery', 'delivered', 'returned'],
  out_for_delivery: ['delivered', 'shipped', 'returned'],
  delivered: ['completed', 'returned', 'partially_refunded', 'refunded'],
  completed: ['returned', 'partially_refunded', 'refunded'],
  cancelled: ['partially_refunded', 'refunded'],
  returned: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
};

/** Moves that put the order's goods back into stock through the ledger. */
export const RESTOCKING_STATUSES: ReadonlySet<OrderStatus> = new Set(['cancelled', 'returned']);

/** Staff may still edit lines, addresses and shipping (with re-pricing) before fulfilment starts. */
export const EDITABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(['pending', 'confirmed']);

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws ORDER_TRANSITION_CONFLICT (409) naming the current status and what it allows. */
export function assertOrderMove(from: OrderStatus, to: OrderStatus): void {
  if (canMoveOrder(from, to)) return;
  const allowed = ORDER_TRANSITIONS[from];
  throw new DomainError(
    'ORDER_TRANSITION_CONFLICT',
    `The order is ${from}; it cannot become ${to}${allowed.length > 0 ? ` (from ${from} it can become ${allowed.join(', ')})` : ` (${from} is final)`}.`,
    [{ path: 'body.status', message: `cannot follow ${from}` }],
  );
}
