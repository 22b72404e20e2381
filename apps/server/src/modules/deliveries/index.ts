/** Deliveries: the cash-on-delivery desk, the agents' rounds and the daily cash count. Other modules import from here only. */
export { registerDeliveriesModule } from './deliveries.module.ts';
export type { DeliveriesDeps } from './deliveries.deps.ts';
export { createDeliveryMetrics, noDeliveryMetrics, type DeliveryMetrics } from './delivery-metrics.ts';
export { closeDeliveryWithOrder } from './order-move.listener.ts';
export { createDeliveryAssignmentService, type DeliveryAssignmentService } from './delivery-assignment.service.ts';
export { createDeliveryRoundService, type DeliveryRoundService } from './delivery-round.service.ts';
export { createDeliveryAttemptService, type DeliveryAttemptService, type AttemptInput } from './delivery-attempt.service.ts';
export { createCashReconciliationService, type CashReconciliationService, type CashDayView } from './cash-reconciliation.service.ts';
export { createDeliveryDeskService, type DeliveryDeskService } from './delivery-desk.service.ts';
export { DELIVERY_STATUSES, type DeliveryStatus } from './deliveries.tables.ts';
