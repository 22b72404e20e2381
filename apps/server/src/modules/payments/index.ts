/** Payments: payment records, providers, refunds and the order's derived paid state. Other modules import from here only. */
export { recordCashCollected, refreshOrderPaymentStatus } from './payment-recording.ts';
export { orderPaymentStatusOf } from './order-payment-status.ts';
export { PAYMENT_PROVIDERS, ONLINE_PROVIDERS, type PaymentProviderName, type OnlineProviderName, type PaymentRecordStatus } from './payments.tables.ts';
