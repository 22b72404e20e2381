import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { listCustomerOrders } from './order-list.repository.ts';
import { orderDetailView, orderView, type OrderDetailView, type OrderView } from './order-view.ts';
import * as repo from './order.repository.ts';
import { storeOf, type OrdersDeps } from './orders.deps.ts';

function customerOf(ctx: Ctx): string {
  if (ctx.actor.kind !== 'customer') throw new DomainError('CUSTOMER_UNAUTHENTICATED', 'Sign in as a customer of this store.');
  return ctx.actor.id;
}

/** A signed-in customer's own orders, and nobody else's. */
export function createCustomerOrderService({ db }: OrdersDeps) {
  return {
    async list(ctx: Ctx, page: PageQuery): Promise<Page<OrderView>> {
      const tenantId = storeOf(ctx);
      const customerId = customerOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => listCustomerOrders(tx, tenantId, customerId, page)), page.limit, orderView);
    },

    async get(ctx: Ctx, number: number): Promise<OrderDetailView> {
      const tenantId = storeOf(ctx);
      const customerId = customerOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.findCustomerOrder(tx, tenantId, customerId, number);
        if (!order) throw new DomainError('ORDER_NOT_FOUND', 'You have no order with this number in this store.');
        const detail = orderDetailView(order, await repo.linesOfOrder(tx, tenantId, order.id), await repo.historyOfOrder(tx, tenantId, order.id));
        // Who on the staff moved the order is the store's business; the customer sees what and when.
        return { ...detail, history: detail.history.filter((h) => h.to !== null).map((h) => ({ ...h, actor: h.actor.startsWith('customer:') || h.actor === 'guest' ? h.actor : 'store', note: null })) };
      });
    },
  };
}

export type CustomerOrderService = ReturnType<typeof createCustomerOrderService>;
