/** Orders: the status table every path follows, checkout, and staff's and customers' views. Other modules import from here only. */
export { assertOrderMove, canMoveOrder, EDITABLE_STATUSES, ORDER_STATUSES, ORDER_TRANSITIONS, RESTOCKING_STATUSES, type OrderStatus } from './order-status.ts';
export { registerOrdersModule, type OrdersModuleDeps } from './orders.module.ts';
export { createOrderMetrics, noOrderMetrics, type OrderMetrics } from './order-metrics.ts';
export { CONFIRMATION_NUDGE_WINDOW_MS, ORDER_CONFIRMATION_TASK, orderTasks, QUEUE_CONFIRMATIONS_TASK } from './order-confirmation.task.ts';
export type { OrderDetailView, OrderView } from './order-view.ts';
export { createCheckoutService, type CartOpener, type CheckoutService, type PlaceOrderInput } from './checkout.service.ts';
export type { OrderPayments, OrdersDeps } from './orders.deps.ts';
export { PAYMENT_METHODS, PAYMENT_STATUSES, ORDER_SOURCES, type PaymentMethod, type OrderSource } from './orders.tables.ts';
export { setPaymentStatus as storeOrderPaymentStatus } from './order.repository.ts';
export { moveOrderStatus, type OrderMove, type OrderMoveListener } from './status-change.service.ts';
export { checkoutProblems } from './checkout-readiness.ts';
export { orderAddressSchema } from './orders.schemas.ts';
