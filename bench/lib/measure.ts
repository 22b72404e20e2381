import autocannon from 'autocannon';
import type { Scenario } from '../scenarios/index.ts';

export interface Measurement {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Responses with a 2xx status (for scenarios that change state: how many changes were made). */
  ok2xx: number;
}

export interface LoadOptions {
  baseUrl: string;
  scenario: Scenario;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** One fixed-duration run at a fixed connection count. autocannon reports no p95, so latencies are kept here. */
export function runLoad(options: LoadOptions): Promise<Measurement> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.baseUrl}${options.scenario.path}`,
        method: options.scenario.method,
        headers: options.headers,
        ...(options.scenario.body === undefined ? {} : { body: options.scenario.body }),
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
      },
      (err, result) => {
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.requests.total,
          reqPerSec: result.requests.average,
          p50Ms: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
          p99Ms: percentile(sorted, 99),
          errors: result.errors,
          non2xx: result.non2xx,
          ok2xx: result['2xx'],
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}
