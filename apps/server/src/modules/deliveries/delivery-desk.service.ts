import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import type { Money } from '../pricing/index.ts';
import { deliveryNotFound, storeOf, type DeliveriesDeps } from './deliveries.deps.ts';
import { ASSIGNABLE_ORDER_STATUSES } from './desk-rules.ts';
import * as repo from './delivery.repository.ts';
import { deliveryDetailView, deliveryView, type DeliveryDetailView, type DeliveryView } from './delivery-view.ts';

export interface UnassignedOrderView {
  orderId: string;
  orderNumber: number | null;
  orderStatus: string;
  cashDue: Money;
  placedAt: string;
  /** The order's delivery when it has one without an agent. */
  deliveryId: string | null;
}

/** What managers see on the delivery desk: every delivery, one in full, and the orders still waiting for an agent. */
export function createDeliveryDeskService({ db }: DeliveriesDeps) {
  return {
    async list(ctx: Ctx, filters: repo.DeskFilters, page: PageQuery): Promise<Page<DeliveryView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listDeliveries(tx, tenantId, filters, page)), page.limit, deliveryView);
    },

    async get(ctx: Ctx, id: string): Promise<DeliveryDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.findDeskRow(tx, tenantId, id);
        if (!row) throw deliveryNotFound();
        return deliveryDetailView(row, await repo.assignmentsOf(tx, tenantId, id), await repo.attemptsOf(tx, tenantId, id));
      });
    },

    /** Cash-on-delivery orders that are confirmed or processing and have no agent yet, oldest first. */
    async unassigned(ctx: Ctx, page: PageQuery): Promise<Page<UnassignedOrderView>> {
      const tenantId = storeOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => repo.listUnassignedOrders(tx, tenantId, ASSIGNABLE_ORDER_STATUSES, page));
      return pageOf(rows, page.limit, (r) => ({
        orderId: r.id,
        orderNumber: r.number,
        orderStatus: r.status,
        cashDue: { amount: r.grandTotal, currency: r.currency },
        placedAt: r.placedAt.toISOString(),
        deliveryId: r.deliveryId,
      }));
    },
  };
}

export type DeliveryDeskService = ReturnType<typeof createDeliveryDeskService>;
