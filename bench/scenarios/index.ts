import { healthLive } from './health-live.ts';
import type { Scenario } from './scenario.ts';

export type { Scenario };

/** Every scenario the runner knows, in the order it runs them. Add yours here. */
export const scenarios: Scenario[] = [healthLive];
