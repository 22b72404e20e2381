import { checkoutStore } from '../lib/checkout-store.ts';
import { Refused } from '../lib/flow-driver.ts';
import { checkOut, fillCart, paymentOf } from '../lib/guest-cart.ts';
import type { FlowScenario } from './flow.ts';

/** Numbers the orders of the whole bench run, so every email and variant turn differs. */
let counter = 0;

export const checkoutGuestFlow: FlowScenario = {
  kind: 'flow',
  name: 'checkout-guest-flow',
  description: "a guest's one-line order, five requests: create cart, add a line, email and address, shipping, checkout (manual or cash on delivery); orders/s, latency of the whole flow",
  paced: false,
  prepareSeconds: () => 0,
  async prepare(ctx) {
    const store = await checkoutStore(ctx);
    return {
      iteration: async (http) => {
        const n = counter++;
        const started = performance.now();
        const cart = await fillCart(http, store, store.variants[n % store.variants.length]!, `guest-${n}@bench.example`, paymentOf(n));
        const placed = await checkOut(http, store, cart);
        if (placed.status !== 201) throw new Refused('checkout', placed.status, placed.body);
        return { ms: performance.now() - started, ok: true };
      },
    };
  },
};
