import { healthLive } from './health-live.ts';
import { reservationHotVariant } from './reservation.ts';
import type { Scenario } from './scenario.ts';
import { productBySlug, search, storefrontListing, storefrontListingUncached } from './storefront.ts';

export type { Answered, BenchContext, Prepared, Scenario } from './scenario.ts';

/** Every scenario the runner knows, in the order it runs them. Add yours here. */
export const scenarios: Scenario[] = [healthLive, storefrontListing, storefrontListingUncached, productBySlug, search, reservationHotVariant];
