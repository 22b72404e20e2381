import client from 'prom-client';
import type { Registry } from '../../platform/metrics/registry.ts';
import type { OrderStatus } from './order-status.ts';

/** What the orders module counts; a no-op outside the HTTP server (jobs, CLI). */
export interface OrderMetrics {
  /** An order was placed in, or moved to, `status`. */
  enteredStatus(status: OrderStatus): void;
  checkoutSeconds(seconds: number, outcome: 'placed' | 'refused'): void;
  stockLockWaitSeconds(seconds: number): void;
}

export const noOrderMetrics: OrderMetrics = { enteredStatus: () => undefined, checkoutSeconds: () => undefined, stockLockWaitSeconds: () => undefined };

export function createOrderMetrics(registry: Registry): OrderMetrics {
  const total = new client.Counter({ name: 'orders_total', help: 'Orders placed (pending) and moved into each status', labelNames: ['status'] as const, registers: [registry] });
  const checkout = new client.Histogram({
    name: 'order_checkout_duration_seconds',
    help: 'Time to run a checkout transaction, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const lockWait = new client.Histogram({
    name: 'stock_lock_wait_seconds',
    help: "Time checkout spends taking its lines' stock rows (the conditional reserve updates, waits for their locks included)",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    enteredStatus: (status) => total.inc({ status }),
    checkoutSeconds: (seconds, outcome) => checkout.observe({ outcome }, seconds),
    stockLockWaitSeconds: (seconds) => lockWait.observe(seconds),
  };
}
