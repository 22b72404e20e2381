import client from 'prom-client';
import type { Registry } from '../../platform/metrics/registry.ts';

/**
 * `payments_total{provider,status}`: payments recorded in each status, refunds as `refunded`.
 * One counter for the process, shown by every registry it is registered with: payments are also
 * recorded from inside other modules' transactions (cash the delivery desk collects), where no
 * per-app dependency reaches. Counted when recorded; a transaction that then rolls back is rare.
 */
const paymentsTotal = new client.Counter({ name: 'payments_total', help: 'Payments recorded in each status (refunds as refunded), by provider', labelNames: ['provider', 'status'] as const, registers: [] });

export function registerPaymentMetrics(registry: Registry): void {
  if (!registry.getSingleMetric('payments_total')) registry.registerMetric(paymentsTotal);
}

export function countPayment(provider: string, status: string): void {
  paymentsTotal.inc({ provider, status });
}
