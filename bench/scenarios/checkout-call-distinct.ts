import { prepareCarts } from '../lib/cart-pool.ts';
import { checkoutFrom, poolNote, poolPrepareSeconds, poolSizeFor } from '../lib/checkout-call.ts';
import { checkoutStore } from '../lib/checkout-store.ts';
import type { FlowScenario } from './flow.ts';

/** Numbers the carts of the whole bench run, so consecutive carts take consecutive variants. */
let counter = 0;

export const checkoutCallDistinct: FlowScenario = {
  kind: 'flow',
  name: 'checkout-call-distinct',
  description: 'POST /api/v1/store/carts/:cartId/checkout alone, on carts prepared before the run, each a variant of its own among 300; orders/s, latency of the call',
  paced: true,
  prepareSeconds: poolPrepareSeconds,
  async prepare(ctx, run) {
    const store = await checkoutStore(ctx);
    const count = poolSizeFor(run);
    const first = counter;
    counter += count;
    ctx.say(`checkout-call-distinct: preparing ${count} carts for the ${run.phase} at ${run.connections} connections`);
    const pool = await prepareCarts({
      baseUrl: ctx.baseUrl,
      store,
      count,
      variantOf: (n) => store.variants[(first + n) % store.variants.length]!,
      emailOf: (n) => `distinct-${first + n}@bench.example`,
    });
    return { iteration: checkoutFrom(pool, store), finish: async (m) => ({ note: poolNote(pool, m) }) };
  },
};
