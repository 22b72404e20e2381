import type { CheckoutStore } from './checkout-store.ts';
import { driveFlow } from './flow-driver.ts';
import { fillCart, paymentOf, type ReadyCart } from './guest-cart.ts';

/** Carts ready to check out, each taken once. */
export class CartPool {
  private taken = 0;

  constructor(private readonly carts: readonly ReadyCart[]) {}

  next(): ReadyCart | undefined {
    return this.carts[this.taken++];
  }

  get size(): number {
    return this.carts.length;
  }

  /** Carts handed out (each one checked out, or tried). */
  get used(): number {
    return Math.min(this.taken, this.carts.length);
  }
}

export interface PoolRequest {
  baseUrl: string;
  store: CheckoutStore;
  count: number;
  /** The variant of the n-th cart. */
  variantOf(n: number): string;
  /** The email of the n-th cart. */
  emailOf(n: number): string;
}

/** Virtual users filling carts: enough to keep the server busy, as few as keep it from queueing. */
const FILLERS = 16;
/** The slowest filling accepted before the bench gives up, in carts per second. */
export const SLOWEST_FILL_PER_SECOND = 20;

/** Fills `count` carts through the storefront before a run; every step must succeed. */
export async function prepareCarts(request: PoolRequest): Promise<CartPool> {
  const carts: ReadyCart[] = [];
  let ticket = 0;
  const filled = await driveFlow({
    baseUrl: request.baseUrl,
    connections: FILLERS,
    iterations: request.count,
    durationSeconds: Math.max(60, request.count / SLOWEST_FILL_PER_SECOND),
    iteration: async (http) => {
      const n = ticket++;
      const started = performance.now();
      carts.push(await fillCart(http, request.store, request.variantOf(n), request.emailOf(n), paymentOf(n)));
      return { ms: performance.now() - started, ok: true };
    },
  });
  if (carts.length < request.count) {
    const why = [...Object.entries(filled.statuses).map(([s, n]) => `${n} × ${s}`), ...Object.entries(filled.errorCodes).map(([c, n]) => `${n} × ${c}`)].join(', ');
    const first = Object.entries(filled.refusals).map(([step, body]) => `${step}: ${body}`)[0];
    throw new Error(`prepared ${carts.length} of ${request.count} carts (${why || 'out of time'})${first ? `; ${first}` : ''}`);
  }
  return new CartPool(carts);
}
