import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Money in minor units; read as a JS number, exact up to 2^53. */
const money = (name: string) => bigint(name, { mode: 'number' });

/** Providers that talk to an outside service and so need a per-store account. */
export const ONLINE_PROVIDERS = ['stripe', 'mollie'] as const;
export const PAYMENT_PROVIDERS = ['manual', 'cash_on_delivery', ...ONLINE_PROVIDERS] as const;
export const PAYMENT_RECORD_STATUSES = ['pending', 'requires_action', 'authorized', 'succeeded', 'failed', 'cancelled'] as const;
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];
export type OnlineProviderName = (typeof ONLINE_PROVIDERS)[number];
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number];

/**
 * A store's account with an online provider. The API key and the webhook signing secret are
 * sealed (AES-256-GCM, bound to store and provider) and never leave the server.
 */
export const paymentProviderAccounts = pgTable(
  'payment_provider_accounts',
  {
    tenantId: tenantId(),
    provider: text('provider', { enum: ONLINE_PROVIDERS }).notNull(),
    mode: text('mode', { enum: ['test', 'live'] }).notNull().default('test'),
    /** Safe to show shoppers (Stripe's publishable key); null for providers without one. */
    publicKey: text('public_key'),
    sealedApiKey: text('sealed_api_key').notNull(),
    sealedWebhookSecret: text('sealed_webhook_secret'),
    /** The last four characters of the API key, so staff can tell which key is set. */
    apiKeyHint: text('api_key_hint').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'payment_provider_accounts_pkey', columns: [t.tenantId, t.provider] })],
);

/**
 * One attempt to collect money for a cart or an order. A payment started on a cart is tied to the
 * order when checkout places it. `captured` and `refunded` are the running sums the provider
 * confirmed; refunds never exceed the capture (checked here and by a conditional update).
 */
export const payments = pgTable(
  'payments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id'),
    cartId: uuid('cart_id'),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    status: text('status', { enum: PAYMENT_RECORD_STATUSES }).notNull().default('pending'),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    capturedAmount: money('captured_amount').notNull().default(0),
    refundedAmount: money('refunded_amount').notNull().default(0),
    /** The provider's id (Stripe payment intent, Mollie payment) or a bank transfer reference. */
    providerReference: text('provider_reference'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** `staff:<id>`, `customer:<id>`, `guest`, `system:<name>`, `provider:<name>`. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'payments_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('payments_tenant_provider_reference_key').on(t.tenantId, t.provider, t.providerReference),
    index('payments_tenant_order_idx').on(t.tenantId, t.orderId),
    index('payments_tenant_cart_idx').on(t.tenantId, t.cartId),
    index('payments_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('payments_amounts_in_range', sql`${t.amount} > 0 and ${t.capturedAmount} between 0 and ${t.amount} and ${t.refundedAmount} between 0 and ${t.capturedAmount}`),
    check('payments_belongs_somewhere', sql`${t.orderId} is not null or ${t.cartId} is not null`),
  ],
);

/** Money given back from one payment. `pending` refunds count against the capture, so two racing refunds cannot exceed it. */
export const refunds = pgTable(
  'refunds',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: text('status', { enum: REFUND_STATUSES }).notNull().default('pending'),
    providerReference: text('provider_reference'),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'refunds_pkey', columns: [t.tenantId, t.id] }),
    index('refunds_tenant_payment_idx').on(t.tenantId, t.paymentId),
    index('refunds_tenant_order_idx').on(t.tenantId, t.orderId),
    uniqueIndex('refunds_tenant_provider_reference_key').on(t.tenantId, t.paymentId, t.providerReference),
    foreignKey({ name: 'refunds_payment_fk', columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }).onDelete('cascade'),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * Every provider notification that changed something, by the provider's event id. Written in the
 * same transaction as the change, so a retried or duplicated webhook finds its row and changes nothing.
 */
export const paymentWebhookReceipts = pgTable(
  'payment_webhook_receipts',
  {
    tenantId: tenantId(),
    provider: text('provider', { enum: ONLINE_PROVIDERS }).notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    paymentId: uuid('payment_id'),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'payment_webhook_receipts_pkey', columns: [t.tenantId, t.provider, t.eventId] })],
);
