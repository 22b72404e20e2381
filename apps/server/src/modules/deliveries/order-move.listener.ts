import type { OrderMoveListener } from '../orders/index.ts';
import { closeOpenDeliveryOfOrder } from './delivery.repository.ts';
import { canMoveDelivery, OPEN_DELIVERY_STATUSES } from './delivery-status.ts';

/**
 * A cancelled or returned order takes its open delivery with it, in the same transaction, so it
 * drops off the agent's list. Delivered deliveries keep their status: the cash was collected.
 */
export const closeDeliveryWithOrder: OrderMoveListener = async (tx, _ctx, tenantId, move) => {
  if (move.to !== 'cancelled' && move.to !== 'returned') return;
  const to = move.to;
  await closeOpenDeliveryOfOrder(tx, tenantId, move.orderId, OPEN_DELIVERY_STATUSES.filter((s) => canMoveDelivery(s, to)), to);
};
