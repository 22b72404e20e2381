/** The inventory module: locations, stock levels, the stock ledger and reservations. Other modules import from here only. */
export { inventoryRoutes, type InventoryServices } from './inventory.routes.ts';
export type { InventoryDeps, StockLevelView } from './inventory.deps.ts';
export { createStockService, type StockService, type MovementView } from './stock.service.ts';
export { createLocationService, defaultLocationId, type LocationService, type LocationView } from './location.service.ts';
export { createReservationService, DEFAULT_RESERVATION_SECONDS, type ReservationService, type ReservationView, type ReserveInput, type ReserveResult } from './reservation.service.ts';
export { createLedgerCheckService } from './ledger-check.service.ts';
export { inventoryTasks, RELEASE_EXPIRED_TASK } from './inventory.tasks.ts';
export { STOCK_LOW_EVENT, type StockLowEvent } from './low-stock.ts';
export { INVENTORY_USAGE, parseInventoryCommand, runInventoryCommand } from './inventory.cli.ts';
export { hasStockHistory } from './stock-movement.repository.ts';
export {
  availableForOrder,
  endOrderReservations,
  holdRefusalOf,
  holdStockAtOrderLocation,
  holdStockForOrder,
  ORDER_RESERVATION_EXPIRES_AT,
  reservedLocationOf,
  returnOrderStock,
  sendOrderHolds,
  type HoldRefusal,
  type OrderHold,
  type SentOrderHold,
} from './order-stock.ts';
export { changeOrderHold, type OrderHoldChange } from './order-hold-change.ts';
