import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { moveOrderStatus, type OrderStatus } from '../orders/index.ts';
import type { DeliveryStatus } from './deliveries.tables.ts';
import { agentOf, deliveryNotFound, type DeliveriesDeps } from './deliveries.deps.ts';
import * as repo from './delivery.repository.ts';
import { assertDeliveryMove, OPEN_DELIVERY_STATUSES } from './delivery-status.ts';
import { roundDeliveryDetailView, roundDeliveryView, type RoundDeliveryDetailView, type RoundDeliveryView } from './delivery-view.ts';

/** How the order gets to out_for_delivery when the agent leaves with it (a failed attempt left it shipped). */
const WAY_OUT: Partial<Record<OrderStatus, readonly OrderStatus[]>> = {
  confirmed: ['processing', 'out_for_delivery'],
  processing: ['out_for_delivery'],
  shipped: ['out_for_delivery'],
};

export function orderStatusConflict(status: string, action: string): DomainError {
  return new DomainError('DELIVERY_ORDER_STATUS_CONFLICT', `The order is ${status}; the delivery cannot be ${action}.`, [{ path: 'order.status', message: `is ${status}` }]);
}

/**
 * The agent's own delivery with its order, both row-locked: the order first, then the delivery (the
 * order a status move takes them in, so the desk and order moves wait for each other instead of
 * deadlocking). Another agent's delivery is as unknown as one that does not exist.
 */
export async function lockOwnDelivery(tx: Tx, tenantId: string, id: string, agentId: string) {
  const seen = await repo.findDelivery(tx, tenantId, id);
  if (!seen || seen.agentId !== agentId) throw deliveryNotFound();
  const order = await repo.lockOrder(tx, tenantId, seen.orderId);
  const delivery = await repo.findDelivery(tx, tenantId, id, true);
  // Reassigned while we waited for the locks.
  if (!order || !delivery || delivery.agentId !== agentId) throw deliveryNotFound();
  return { order, delivery };
}

export async function roundDetail(tx: Tx, tenantId: string, id: string): Promise<RoundDeliveryDetailView> {
  const row = (await repo.findDeskRow(tx, tenantId, id))!;
  return roundDeliveryDetailView(row, await repo.assignmentsOf(tx, tenantId, id), await repo.attemptsOf(tx, tenantId, id));
}

/** A delivery agent's own round: their list, one delivery, and leaving with it. */
export function createDeliveryRoundService({ db, orderMetrics }: DeliveriesDeps) {
  return {
    /** The agent's deliveries; without `status`, the open ones (delivered, cancelled and returned ones drop off). */
    async list(ctx: Ctx, filters: { status?: DeliveryStatus | undefined; scheduledFor?: string | undefined }, page: PageQuery): Promise<Page<RoundDeliveryView>> {
      const { tenantId, agentId } = agentOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => repo.listRound(tx, tenantId, agentId, { ...filters, open: OPEN_DELIVERY_STATUSES }, page));
      return pageOf(rows, page.limit, roundDeliveryView);
    },

    async get(ctx: Ctx, id: string): Promise<RoundDeliveryDetailView> {
      const { tenantId, agentId } = agentOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        if (!(await repo.findDeskRow(tx, tenantId, id, agentId))) throw deliveryNotFound();
        return roundDetail(tx, tenantId, id);
      });
    },

    /** The agent leaves with the parcel: the order goes out_for_delivery through the status table, which commits its stock. */
    async start(ctx: Ctx, id: string): Promise<RoundDeliveryDetailView> {
      const { tenantId, agentId } = agentOf(ctx);
      const moves: OrderStatus[] = [];
      const view = await inTransaction(db, { tenantId }, async (tx) => {
        const { order, delivery } = await lockOwnDelivery(tx, tenantId, id, agentId);
        assertDeliveryMove(delivery.status, 'out_for_delivery', 'started');
        const way = WAY_OUT[order.status];
        if (!way) throw orderStatusConflict(order.status, 'started');
        for (const to of way) {
          await moveOrderStatus(tx, ctx, tenantId, order.id, to, 'the delivery agent left with the order');
          moves.push(to);
        }
        await repo.updateDelivery(tx, tenantId, id, { status: 'out_for_delivery', cashDueAmount: order.grandTotal });
        return roundDetail(tx, tenantId, id);
      });
      for (const to of moves) orderMetrics.enteredStatus(to);
      return view;
    },
  };
}

export type DeliveryRoundService = ReturnType<typeof createDeliveryRoundService>;
