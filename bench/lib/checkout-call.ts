import type { FlowRunShape } from '../scenarios/flow.ts';
import { SLOWEST_FILL_PER_SECOND, type CartPool } from './cart-pool.ts';
import type { CheckoutStore } from './checkout-store.ts';
import { Refused, type FlowMeasurement, type Iteration } from './flow-driver.ts';
import { checkOut } from './guest-cart.ts';

/** The most checkouts per second a pool is made for (twice the target): the cap on preparing. */
const MAX_PACE = 1000;
/** Carts prepared beyond the expected checkouts, so that a faster run still lasts. */
export const MARGIN = 1.3;
/** The largest margin a scenario may ask for (for the time budget). */
const MAX_MARGIN = 2;

/** Carts for a trial: a few per connection, enough to see the pace. */
const TRIAL_CARTS_PER_CONNECTION = 8;

/** Carts to prepare for a run: its seconds at the pace of the scenario's previous run, with a margin; a trial gets a few per connection. */
export function poolSizeFor(run: FlowRunShape, margin = MARGIN): number {
  if (run.phase === 'trial' || run.lastPace === undefined) return Math.max(60, TRIAL_CARTS_PER_CONNECTION * run.connections);
  return Math.ceil(Math.min(MAX_PACE, run.lastPace) * run.durationSeconds * Math.min(MAX_MARGIN, margin)) + 2 * run.connections;
}

/** The longest preparing the largest pool for a run of `seconds` may take. */
export function poolPrepareSeconds(seconds: number): number {
  return Math.ceil((MAX_PACE * seconds * MAX_MARGIN) / SLOWEST_FILL_PER_SECOND) + 30;
}

/** An iteration: the next prepared cart checked out, timed; `expected` statuses are answers too (409 on a sold-out variant). */
export function checkoutFrom(pool: CartPool, store: CheckoutStore, expected: readonly number[] = []): Iteration {
  return async (http) => {
    const cart = pool.next();
    if (!cart) return 'exhausted';
    const started = performance.now();
    const answer = await checkOut(http, store, cart);
    const ms = performance.now() - started;
    if (answer.status === 201) return { ms, ok: true };
    if (expected.includes(answer.status)) return { ms, ok: false };
    throw new Refused('checkout', answer.status, answer.body);
  };
}

export function poolNote(pool: CartPool, m: FlowMeasurement): string {
  const lasted = m.exhaustedAfterSeconds === null ? 'lasted the whole run' : `ran out after ${m.exhaustedAfterSeconds.toFixed(1)} s (the figures cover those seconds)`;
  return `${pool.size} carts prepared, ${pool.used} checked out; the pool ${lasted}`;
}
