import { DomainError } from '../../platform/errors.ts';
import type { ATTEMPT_OUTCOMES, DeliveryStatus } from './deliveries.tables.ts';

export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * Every move a delivery may make. Assigning again keeps the status (a reassignment), except that
 * the first assignment takes an unassigned delivery to `assigned`. A failed or rescheduled attempt
 * waits for the agent's next round; cancelled and returned follow the order.
 */
export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  unassigned: ['assigned', 'cancelled'],
  assigned: ['out_for_delivery', 'cancelled', 'returned'],
  out_for_delivery: ['delivered', 'attempt_failed', 'rescheduled', 'returned'],
  attempt_failed: ['out_for_delivery', 'cancelled', 'returned'],
  rescheduled: ['out_for_delivery', 'cancelled', 'returned'],
  delivered: [],
  returned: [],
  cancelled: [],
};

/** Still on the desk: it may be (re)assigned, started or closed by its order. */
export const OPEN_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['unassigned', 'assigned', 'out_for_delivery', 'attempt_failed', 'rescheduled'];

export const isOpenDelivery = (status: DeliveryStatus) => OPEN_DELIVERY_STATUSES.includes(status);

export function canMoveDelivery(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return DELIVERY_TRANSITIONS[from].includes(to);
}

/** Throws DELIVERY_STATUS_CONFLICT (409) naming the delivery's current status. */
export function assertDeliveryMove(from: DeliveryStatus, to: DeliveryStatus, action: string): void {
  if (canMoveDelivery(from, to)) return;
  throw new DomainError('DELIVERY_STATUS_CONFLICT', `The delivery is ${from}; it cannot be ${action} now.`, [{ path: 'status', message: `is ${from}` }]);
}

/** Throws DELIVERY_STATUS_CONFLICT unless the delivery is still open (reassignment is allowed until it is delivered). */
export function assertDeliveryOpen(status: DeliveryStatus, action: string): void {
  if (isOpenDelivery(status)) return;
  throw new DomainError('DELIVERY_STATUS_CONFLICT', `The delivery is ${status}; it cannot be ${action} any more.`, [{ path: 'status', message: `is ${status}` }]);
}
