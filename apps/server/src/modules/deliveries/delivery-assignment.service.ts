import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { storeOf, type DeliveriesDeps } from './deliveries.deps.ts';
import { ASSIGNABLE_ORDER_STATUSES, assertDeliveryAgent, assertNotPast, storeCalendar } from './desk-rules.ts';
import * as repo from './delivery.repository.ts';
import { assertDeliveryOpen } from './delivery-status.ts';
import { deliveryDetailView, type DeliveryDetailView } from './delivery-view.ts';

const orderNotFound = () => new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');

export interface AssignInput {
  agentId: string;
  scheduledFor?: string | undefined;
}

/** Managers give cash-on-delivery orders to agents, and move them between agents until they are delivered. */
export function createDeliveryAssignmentService({ db, now }: DeliveriesDeps) {
  return {
    /**
     * Gives the order's delivery to an agent: makes the delivery on the first assignment, records
     * every change of agent. Assigning the agent it already has only changes the scheduled day.
     */
    async assign(ctx: Ctx, orderId: string, input: AssignInput): Promise<DeliveryDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const order = await repo.lockOrder(tx, tenantId, orderId);
        if (!order) throw orderNotFound();
        if (input.scheduledFor) assertNotPast(input.scheduledFor, (await storeCalendar(tx, tenantId, now())).today, 'body.scheduledFor');
        await assertDeliveryAgent(tx, tenantId, input.agentId);
        let delivery = await repo.findDeliveryOfOrder(tx, tenantId, orderId, true);
        if (!delivery) {
          if (order.paymentMethod !== 'cash_on_delivery') {
            throw new DomainError('DELIVERY_NOT_CASH_ON_DELIVERY', `The order is paid by ${order.paymentMethod}; only cash-on-delivery orders go on the desk.`, [{ path: 'params.id', message: 'is not a cash-on-delivery order' }]);
          }
          if (!ASSIGNABLE_ORDER_STATUSES.includes(order.status)) {
            throw new DomainError('DELIVERY_ORDER_STATUS_CONFLICT', `The order is ${order.status}; it can be given to an agent when it is ${ASSIGNABLE_ORDER_STATUSES.join(' or ')}.`, [{ path: 'params.id', message: `is ${order.status}` }]);
          }
          delivery = await repo.insertDelivery(tx, { tenantId, id: uuidv7(), orderId, agentId: null, status: 'unassigned', cashDueAmount: order.grandTotal, currency: order.currency });
        } else assertDeliveryOpen(delivery.status, 'reassigned');

        const changesAgent = delivery.agentId !== input.agentId;
        await repo.updateDelivery(tx, tenantId, delivery.id, {
          agentId: input.agentId,
          status: delivery.status === 'unassigned' ? 'assigned' : delivery.status,
          scheduledFor: input.scheduledFor ?? delivery.scheduledFor,
          ...(changesAgent ? { assignedAt: now() } : {}),
          // The order may still have been edited while confirmed; the door asks for what it totals now.
          ...(delivery.status === 'unassigned' || delivery.status === 'assigned' ? { cashDueAmount: order.grandTotal } : {}),
        });
        if (changesAgent) {
          await repo.insertAssignment(tx, { tenantId, id: uuidv7(), deliveryId: delivery.id, fromAgentId: delivery.agentId, toAgentId: input.agentId, assignedBy: actorLabel(ctx.actor) });
        }
        const row = (await repo.findDeskRow(tx, tenantId, delivery.id))!;
        return deliveryDetailView(row, await repo.assignmentsOf(tx, tenantId, delivery.id), await repo.attemptsOf(tx, tenantId, delivery.id));
      });
    },
  };
}

export type DeliveryAssignmentService = ReturnType<typeof createDeliveryAssignmentService>;
