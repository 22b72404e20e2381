/** Payments: payment records, providers, refunds and the order's derived paid state. Other modules import from here only. */
export { recordCashCollected, refreshOrderPaymentStatus, confirmPaidOrder } from './payment-recording.ts';
export { orderPaymentStatusOf } from './order-payment-status.ts';
export { PAYMENT_PROVIDERS, ONLINE_PROVIDERS, type PaymentProviderName, type OnlineProviderName, type PaymentRecordStatus } from './payments.tables.ts';
export { orderPayments } from './checkout-payment.ts';
export { registerPaymentsModule, type PaymentsModuleDeps } from './payments.module.ts';
export { createPaymentsDeps, type PaymentsDeps } from './payments.deps.ts';
export { createStripeProvider, type StripeProviderOptions } from './stripe-provider.ts';
export { createMollieProvider, type MollieProviderOptions } from './mollie-provider.ts';
export { registerPaymentMetrics } from './payment-metrics.ts';
export { WebhookRejected, type OnlinePaymentProvider, type ProviderCredentials } from './payment-provider.ts';
export { ProviderRefused } from './provider-errors.ts';
