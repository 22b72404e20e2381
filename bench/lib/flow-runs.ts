import type { BenchContext, FlowOutcome, FlowRunShape, FlowScenario } from '../scenarios/index.ts';
import { withCpu } from './cpu.ts';
import type { CpuPerUnit } from './cpu.ts';
import { driveFlow, type FlowMeasurement } from './flow-driver.ts';
import type { FlowRow } from './report.ts';

export interface FlowPlan {
  connections: number[];
  warmupSeconds: number;
  durationSeconds: number;
  /** The Winkel node processes whose CPU (and their PostgreSQL's) is counted per order. */
  serverPids: number[];
}

export interface FlowResults {
  rows: FlowRow[];
  /** A line per measured run: what its check found, its non-2xx answers and errors. */
  notes: string[];
  /** Checks (of any run, trial and warm-up included) that found the server's state disagreeing with its answers. */
  failures: string[];
}

/** The longest trial run of a paced scenario, in seconds (it ends sooner when its few carts are used). */
export const TRIAL_SECONDS = 3;

const describe = (m: FlowMeasurement) => {
  const statuses = Object.entries(m.statuses).map(([s, n]) => `${n} × ${s}`);
  const errors = Object.entries(m.errorCodes).map(([c, n]) => `${n} × ${c}`);
  return [...statuses, ...errors].join(', ');
};

/** Prepares, drives and checks one run; a failed check is returned, not thrown, so the figures are still reported. */
async function oneRun(scenario: FlowScenario, ctx: BenchContext, shape: FlowRunShape, serverPids: number[]): Promise<{ m: FlowMeasurement; cpu: CpuPerUnit | undefined; outcome: FlowOutcome; failure?: string }> {
  const run = await scenario.prepare(ctx, shape);
  await ctx.analyze();
  ctx.say(`${scenario.name}: ${shape.phase === 'measured' ? '' : `${shape.phase}, `}${shape.connections} connections, ${shape.durationSeconds} s`);
  const { result: m, cpu } = await withCpu(serverPids, () => driveFlow({ baseUrl: ctx.baseUrl, connections: shape.connections, iteration: run.iteration, durationSeconds: shape.durationSeconds }), (r) => r.units);
  if (m.non2xx > 0 || m.errors > 0) ctx.say(`${scenario.name}: ${describe(m)}${Object.keys(m.refusals).length > 0 ? `; first refusal: ${Object.entries(m.refusals).map(([k, v]) => `${k}: ${v}`)[0]}` : ''}`);
  try {
    const outcome = (await run.finish?.(m)) ?? {};
    return { m, cpu, outcome, ...(outcome.failure === undefined ? {} : { failure: outcome.failure }) };
  } catch (err) {
    return { m, cpu, outcome: {}, failure: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Each connection count: a trial before a paced scenario's first run, a warm-up (each with its own
 * carts, their figures thrown away, their checks kept), then the measured run.
 */
export async function runFlowScenario(scenario: FlowScenario, ctx: BenchContext, plan: FlowPlan): Promise<FlowResults> {
  const results: FlowResults = { rows: [], notes: [], failures: [] };
  let lastPace: number | undefined;
  const pace = (m: FlowMeasurement) => (m.started > 0 ? m.started / m.seconds : lastPace);
  for (const connections of plan.connections) {
    const label = `${scenario.name}, ${connections} connections`;
    const failed: string[] = [];
    const unmeasured = async (phase: 'trial' | 'warm-up', durationSeconds: number) => {
      const run = await oneRun(scenario, ctx, { phase, connections, durationSeconds, lastPace }, plan.serverPids);
      if (run.failure) failed.push(`${phase}: ${run.failure}`);
      lastPace = pace(run.m);
    };
    if (scenario.paced && lastPace === undefined) await unmeasured('trial', TRIAL_SECONDS);
    if (plan.warmupSeconds > 0) await unmeasured('warm-up', plan.warmupSeconds);
    const measured = await oneRun(scenario, ctx, { phase: 'measured', connections, durationSeconds: plan.durationSeconds, lastPace }, plan.serverPids);
    lastPace = pace(measured.m);
    if (measured.failure) failed.push(measured.failure);
    results.failures.push(...failed.map((f) => `${label}: ${f}`));
    const statuses = describe(measured.m);
    const note = [measured.outcome.note, ...failed.map((f) => `CHECK FAILED: ${f}`), statuses && `non-2xx and errors: ${statuses}`].filter(Boolean).join('; ');
    if (note) results.notes.push(`${label}: ${note}`);
    results.rows.push({ kind: 'flow', scenario: scenario.name, connections, durationSeconds: plan.durationSeconds, flow: measured.m, ...(measured.cpu ? { cpu: measured.cpu } : {}), figures: measured.outcome.figures ?? {}, checkFailed: failed.length > 0 });
  }
  return results;
}
