import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { endOrderReservations, returnOrderStock } from '../inventory/index.ts';
import { assertOrderMove, type OrderStatus } from './order-status.ts';
import { orderDetailView, type OrderDetailView } from './order-view.ts';
import * as repo from './order.repository.ts';
import { orderNotFound, stockReferenceOf, storeOf, type OrdersDeps } from './orders.deps.ts';

/** Statuses in which the goods have left the warehouse: the first move into one commits the order's stock. */
const FULFILMENT: ReadonlySet<OrderStatus> = new Set(['shipped', 'out_for_delivery']);

/** What a move does to stock (docs/orders.md#stock): commit on fulfilment, release on cancel, put back on return. */
async function moveStock(tx: Tx, ctx: Ctx, tenantId: string, order: repo.OrderRow, to: OrderStatus): Promise<void> {
  const reference = stockReferenceOf(order.id);
  if (FULFILMENT.has(to)) await endOrderReservations(tx, ctx, tenantId, reference, true);
  else if (to === 'cancelled') await endOrderReservations(tx, ctx, tenantId, reference, false);
  else if (to === 'returned') {
    const lines = await repo.linesOfOrder(tx, tenantId, order.id);
    await returnOrderStock(tx, ctx, tenantId, reference, lines.map((l) => ({ variantId: l.variantId, locationId: l.locationId, quantity: l.quantity })));
  }
}

/** One status move of one order, as told to whoever listens for moves. */
export interface OrderMove {
  orderId: string;
  number: number | null;
  from: OrderStatus;
  to: OrderStatus;
}

/**
 * Told about a move in its transaction, after the order changed (the delivery desk closes the open
 * delivery of an order that was cancelled or returned). Chosen once at the composition root.
 */
export type OrderMoveListener = (tx: Tx, ctx: Ctx, tenantId: string, move: OrderMove) => Promise<void>;

/**
 * Moves one order in the caller's transaction: locks it, checks the move against the status table
 * (409 ORDER_TRANSITION_CONFLICT), applies its stock effect, writes the history row and
 * `order.status_changed`, then tells the listener. The caller counts the move after the commit.
 */
export async function moveOrderStatus(
  tx: Tx,
  ctx: Ctx,
  tenantId: string,
  orderId: string,
  to: OrderStatus,
  note: string | null = null,
  listener?: OrderMoveListener,
): Promise<repo.OrderRow> {
  const order = await repo.findOrder(tx, tenantId, orderId, true);
  if (!order) throw orderNotFound();
  assertOrderMove(order.status, to);
  await moveStock(tx, ctx, tenantId, order, to);
  const moved = (await repo.setOrderStatus(tx, tenantId, order.id, order.status, to))!;
  await repo.insertHistory(tx, { tenantId, orderId, fromStatus: order.status, toStatus: to, actor: actorLabel(ctx.actor), note });
  await recordEvent(tx, ctx, tenantId, {
    type: 'order.status_changed',
    subject: { type: 'order', id: orderId },
    payload: { orderId, number: order.number, from: order.status, to, note },
  });
  await listener?.(tx, ctx, tenantId, { orderId, number: order.number, from: order.status, to });
  return moved;
}

/** Staff move orders through the status table; every move is checked, recorded and announced. */
export function createStatusChangeService(deps: OrdersDeps) {
  const { db, metrics } = deps;
  return {
    async changeStatus(ctx: Ctx, orderId: string, input: { status: OrderStatus; note?: string | undefined }): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      const changed = await inTransaction(db, { tenantId }, async (tx) => {
        const moved = await moveOrderStatus(tx, ctx, tenantId, orderId, input.status, input.note ?? null, deps.afterStatusMove);
        return orderDetailView(moved, await repo.linesOfOrder(tx, tenantId, orderId), await repo.historyOfOrder(tx, tenantId, orderId));
      });
      metrics.enteredStatus(input.status);
      return changed;
    },
  };
}

export type StatusChangeService = ReturnType<typeof createStatusChangeService>;
