import client from 'prom-client';
import type { Registry } from '../../platform/metrics/registry.ts';
import type { AttemptOutcome } from './delivery-status.ts';

/** What the delivery desk counts; a no-op outside the HTTP server. */
export interface DeliveryMetrics {
  /** An agent recorded an attempt with this outcome. */
  attempted(outcome: AttemptOutcome): void;
}

export const noDeliveryMetrics: DeliveryMetrics = { attempted: () => undefined };

export function createDeliveryMetrics(registry: Registry): DeliveryMetrics {
  const total = new client.Counter({ name: 'deliveries_total', help: 'Delivery attempts recorded by agents, by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  return { attempted: (outcome) => total.inc({ outcome }) };
}
