import { randomBytes } from 'node:crypto';
import { prepareCarts } from '../lib/cart-pool.ts';
import { checkoutFrom, poolNote, poolPrepareSeconds, poolSizeFor } from '../lib/checkout-call.ts';
import { adminCaller, checkoutStore } from '../lib/checkout-store.ts';
import { checkHotRun } from '../lib/oversell-check.ts';
import { setAvailable } from '../lib/stock-reads.ts';
import type { FlowScenario } from './flow.ts';

/** Units of the hot variant each run may sell, at most: fewer than the checkouts it tries. */
const HOT_STOCK = 2000;
/** Once the variant is sold out, the 409s come faster than the checkouts of the previous run: a larger pool. */
const HOT_MARGIN = 1.8;
let runs = 0;

export const checkoutCallHotVariant: FlowScenario = {
  kind: 'flow',
  name: 'checkout-call-hot-variant',
  description: 'the checkout call alone, every prepared cart on ONE variant with less stock than checkouts tried: 201s until it is gone, then 409s; checks that nothing was oversold',
  paced: true,
  prepareSeconds: poolPrepareSeconds,
  async prepare(ctx, run) {
    const store = await checkoutStore(ctx);
    const admin = adminCaller(ctx.baseUrl, store.adminKey);
    const count = poolSizeFor(run, HOT_MARGIN);
    const stock = Math.max(1, Math.min(HOT_STOCK, Math.floor(count / 3)));
    const variantId = store.spare[runs % store.spare.length]!;
    const emailTag = `hot-${runs}-${randomBytes(3).toString('hex')}-`;
    runs += 1;
    ctx.say(`checkout-call-hot-variant: preparing ${count} carts on variant ${variantId} for the ${run.phase} at ${run.connections} connections`);
    const pool = await prepareCarts({ baseUrl: ctx.baseUrl, store, count, variantOf: () => variantId, emailOf: (n) => `${emailTag}${n}@bench.example` });
    const before = await setAvailable(admin, variantId, stock);
    return {
      iteration: checkoutFrom(pool, store, [409]),
      async finish(m) {
        const { line, figures, problems } = await checkHotRun(admin, { variantId, stock, before, emailTag }, m);
        return { note: `${poolNote(pool, m)}; ${line}`, figures: { ...figures }, ...(problems.length > 0 ? { failure: problems.join('; ') } : {}) };
      },
    };
  },
};
