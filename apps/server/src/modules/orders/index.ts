/** Orders: the status table every path follows. Other modules import from here only. */
export { assertOrderMove, canMoveOrder, EDITABLE_STATUSES, ORDER_STATUSES, ORDER_TRANSITIONS, RESTOCKING_STATUSES, type OrderStatus } from './order-status.ts';
