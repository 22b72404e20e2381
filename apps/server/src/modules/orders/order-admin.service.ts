import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { listOrders, type OrderFilters } from './order-list.repository.ts';
import { orderDetailView, orderView, type OrderDetailView, type OrderView } from './order-view.ts';
import * as repo from './order.repository.ts';
import { orderNotFound, storeOf, type OrdersDeps } from './orders.deps.ts';

/** Staff's view of the store's orders: lists, one order in full, notes and tags. */
export function createOrderAdminService({ db }: OrdersDeps) {
  const detail = async (tx: Tx, tenantId: string, order: repo.OrderRow) =>
    orderDetailView(order, await repo.linesOfOrder(tx, tenantId, order.id), await repo.historyOfOrder(tx, tenantId, order.id));

  return {
    async list(ctx: Ctx, filters: OrderFilters, page: PageQuery): Promise<Page<OrderView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => listOrders(tx, tenantId, filters, page)), page.limit, orderView);
    },

    async get(ctx: Ctx, orderId: string): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.findOrder(tx, tenantId, orderId);
        if (!order) throw orderNotFound();
        return detail(tx, tenantId, order);
      });
    },

    /** A note in the order's history; the status stays as it is. */
    async addNote(ctx: Ctx, orderId: string, note: string): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.touchOrder(tx, tenantId, orderId);
        if (!order) throw orderNotFound();
        await repo.insertHistory(tx, { tenantId, orderId, fromStatus: null, toStatus: null, actor: actorLabel(ctx.actor), note });
        return detail(tx, tenantId, order);
      });
    },

    /** Replaces the order's tags (trimmed, de-duplicated, in the order given). */
    async setTags(ctx: Ctx, orderId: string, tags: string[]): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      const unique = [...new Set(tags.map((t) => t.trim()))];
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.setOrderTags(tx, tenantId, orderId, unique);
        if (!order) throw orderNotFound();
        return detail(tx, tenantId, order);
      });
    },
  };
}

export type OrderAdminService = ReturnType<typeof createOrderAdminService>;
