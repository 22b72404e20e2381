import { checkoutCallDistinct } from './checkout-call-distinct.ts';
import { checkoutCallHotVariant } from './checkout-call-hot-variant.ts';
import { checkoutGuestFlow } from './checkout-guest-flow.ts';
import type { FlowScenario } from './flow.ts';
import { healthLive } from './health-live.ts';
import { reservationHotVariant } from './reservation.ts';
import type { Scenario } from './scenario.ts';
import { productBySlug, search, storefrontListing, storefrontListingUncached } from './storefront.ts';

export type { FlowOutcome, FlowRunShape, FlowScenario, PreparedFlowRun } from './flow.ts';
export type { Answered, BenchContext, Prepared, Scenario } from './scenario.ts';

/** A scenario of either kind: one request measured with autocannon, or a flow of requests. */
export type AnyScenario = Scenario | FlowScenario;

export const isFlow = (s: AnyScenario): s is FlowScenario => 'kind' in s && s.kind === 'flow';

/** Every scenario the runner knows, in the order it runs them. Add yours here. */
export const scenarios: AnyScenario[] = [
  healthLive,
  storefrontListing,
  storefrontListingUncached,
  productBySlug,
  search,
  reservationHotVariant,
  checkoutGuestFlow,
  checkoutCallDistinct,
  checkoutCallHotVariant,
];
