import type { FlowMeasurement, Iteration } from '../lib/flow-driver.ts';
import type { BenchContext } from './scenario.ts';

/** One run of a flow, as the runner is about to start it. */
export interface FlowRunShape {
  /** A trial only tells the pace (a few seconds, before a paced scenario's first warm-up); its figures are thrown away, as a warm-up's are. */
  phase: 'trial' | 'warm-up' | 'measured';
  connections: number;
  durationSeconds: number;
  /** Iterations per second started in this scenario's previous run; undefined before its first. */
  lastPace: number | undefined;
}

/** What a run left behind, beyond the table. */
export interface FlowOutcome {
  /** A line for the report. */
  note?: string;
  /** Figures targets are judged by, such as `oversold`. */
  figures?: Record<string, number>;
  /** What the check found disagreeing (the server sold more than it had, …); the run then fails. */
  failure?: string;
}

/** A run made ready: its iteration, and the check that follows it. */
export interface PreparedFlowRun {
  iteration: Iteration;
  /** After the run: reads the server's state and says what disagrees with the answers (or throws when it cannot read it). */
  finish?(m: FlowMeasurement): Promise<FlowOutcome>;
}

/**
 * A sequence of requests per iteration (a storefront's checkout), looped by virtual users on their
 * own connections: measured in orders per second, with no bare-server comparison.
 */
export interface FlowScenario {
  kind: 'flow';
  /** Used with --scenario; kebab-case. */
  name: string;
  description: string;
  /**
   * Sizes what it prepares by the pace of its previous run (iterations started per second); the
   * runner gives it a short trial run before its first warm-up to learn one.
   */
  paced: boolean;
  /** The longest preparing a run of this many seconds may take, in seconds (for the run's time budget). */
  prepareSeconds(runSeconds: number): number;
  /** Before each run, warm-up and measured: settings, stock, prepared carts. */
  prepare(ctx: BenchContext, run: FlowRunShape): Promise<PreparedFlowRun>;
}
