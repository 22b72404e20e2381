/** Every Drizzle table, for drizzle-kit and for the typed database handle. */
export * from './platform.tables.ts';
export * from '../../modules/tenancy/tenancy.tables.ts';
export * from '../../modules/identity/identity.tables.ts';
export * from '../../modules/security/security.tables.ts';
export * from '../../modules/catalog/catalog.tables.ts';
export * from '../../modules/inventory/inventory.tables.ts';
export * from '../http/idempotency.tables.ts';
export * from '../../modules/checkout-settings/checkout-settings.tables.ts';
export * from '../../modules/carts/carts.tables.ts';
export * from '../events/domain-events.tables.ts';
export * from '../../modules/orders/orders.tables.ts';
export * from '../../modules/payments/payments.tables.ts';
export * from '../../modules/deliveries/deliveries.tables.ts';
export * from '../../modules/checkout-forms/checkout-forms.tables.ts';
