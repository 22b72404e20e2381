import { performance } from 'node:perf_hooks';
import { Histogram } from './histogram.ts';
import { ConnectionError, KeepAliveClient, type Answer } from './keep-alive-client.ts';
import { sleep } from './processes.ts';

/** What a flow sends its requests through: every answer and every connection error is counted. */
export interface FlowHttp {
  send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer>;
}

/** A step got another answer than it needs: the iteration ends there (the status is counted already). */
export class Refused extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** One finished iteration: the latency to record, and whether it made what the flow counts (an order). */
export interface IterationResult {
  ms: number;
  ok: boolean;
}

/**
 * One pass of a virtual user through the flow. Throws Refused (or lets a ConnectionError through)
 * when a step fails; answers 'exhausted' when there is nothing left to do (the prepared carts ran out).
 */
export type Iteration = (http: FlowHttp, vu: number) => Promise<IterationResult | 'exhausted'>;

export interface FlowLoad {
  baseUrl: string;
  /** Virtual users, each on its own keep-alive connection. */
  connections: number;
  iteration: Iteration;
  /** Starts no iteration after this many seconds. */
  durationSeconds: number;
  /** Starts no more than this many iterations in all. */
  iterations?: number;
}

export interface FlowMeasurement {
  /** Seconds measured: the duration, or until the first virtual user found nothing left to do. */
  seconds: number;
  /** Set when the iterations ran out before the duration. */
  exhaustedAfterSeconds: number | null;
  /** Iterations that made what the flow counts (orders), finished within the measured seconds. */
  units: number;
  unitsPerSec: number;
  /** HTTP answers within the measured seconds. */
  requests: number;
  reqPerSec: number;
  /** Of the iterations finished within the measured seconds, as each iteration timed itself. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Of every request within the measured seconds, each timed on its own (an iteration of a flow sends several). */
  request: { p50Ms: number; p95Ms: number; p99Ms: number };
  /** Iterations started, including those still running when the time was up. */
  started: number;
  /** Iterations that made what the flow counts, including those that finished after the measured seconds. */
  okTotal: number;
  /** Connection errors, timeouts and exceptions over the whole run. */
  errors: number;
  errorCodes: Record<string, number>;
  /** Answers other than 2xx over the whole run, and how many of each status. */
  non2xx: number;
  statuses: Record<string, number>;
  /** The first answer of each refused step and status, for the report. */
  refusals: Record<string, string>;
}

const bump = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

/**
 * Runs `connections` virtual users, each looping the iteration on its own keep-alive connection
 * until the duration is over, the iteration count is reached, or an iteration answers 'exhausted';
 * then waits for the iterations in flight and closes the connections.
 */
export async function driveFlow(load: FlowLoad): Promise<FlowMeasurement> {
  const histogram = new Histogram();
  const perRequest = new Histogram();
  const errorCodes: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const refusals: Record<string, string> = {};
  let [started, units, okTotal, requests, errors, non2xx] = [0, 0, 0, 0, 0, 0];
  const t0 = performance.now();
  const stopAt = t0 + load.durationSeconds * 1000;
  let exhaustedAt: number | null = null;
  const inWindow = (t: number) => t <= stopAt && (exhaustedAt === null || t <= exhaustedAt);

  const virtualUser = async (vu: number) => {
    const client = new KeepAliveClient(load.baseUrl);
    const http: FlowHttp = {
      async send(method, path, headers, body) {
        try {
          const sent = performance.now();
          const answer = await client.request(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
          const answered = performance.now();
          if (inWindow(answered)) {
            requests += 1;
            perRequest.recordMs(answered - sent);
          }
          if (answer.status < 200 || answer.status > 299) {
            non2xx += 1;
            bump(statuses, String(answer.status));
          }
          return answer;
        } catch (err) {
          if (err instanceof ConnectionError) {
            errors += 1;
            bump(errorCodes, err.code);
          }
          throw err;
        }
      },
    };
    try {
      while (performance.now() < stopAt && exhaustedAt === null && (load.iterations === undefined || started < load.iterations)) {
        started += 1;
        try {
          const result = await load.iteration(http, vu);
          const now = performance.now();
          if (result === 'exhausted') {
            started -= 1;
            exhaustedAt ??= now;
            break;
          }
          if (result.ok) okTotal += 1;
          if (!inWindow(now)) continue;
          histogram.recordMs(result.ms);
          if (result.ok) units += 1;
        } catch (err) {
          if (err instanceof Refused) {
            refusals[`${err.step} ${err.status}`] ??= err.body.slice(0, 300);
          } else if (err instanceof ConnectionError) {
            await sleep(10);
          } else {
            errors += 1;
            bump(errorCodes, err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 120) : String(err));
          }
        }
      }
    } finally {
      client.close();
    }
  };

  await Promise.all(Array.from({ length: load.connections }, (_, vu) => virtualUser(vu)));
  const end = Math.min(performance.now(), stopAt, exhaustedAt ?? Number.POSITIVE_INFINITY);
  const seconds = Math.max(0.001, (end - t0) / 1000);
  return {
    seconds,
    exhaustedAfterSeconds: exhaustedAt === null ? null : (exhaustedAt - t0) / 1000,
    units,
    unitsPerSec: units / seconds,
    requests,
    reqPerSec: requests / seconds,
    p50Ms: histogram.percentileMs(50),
    p95Ms: histogram.percentileMs(95),
    p99Ms: histogram.percentileMs(99),
    request: { p50Ms: perRequest.percentileMs(50), p95Ms: perRequest.percentileMs(95), p99Ms: perRequest.percentileMs(99) },
    started,
    okTotal,
    errors,
    errorCodes,
    non2xx,
    statuses,
    refusals,
  };
}
