import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { captureReplay, startBare } from './lib/bare.ts';
import { demoAccess, type DemoAccess } from './lib/demo-store.ts';
import { runFlowScenario, TRIAL_SECONDS } from './lib/flow-runs.ts';
import { referenceLoopMs } from './lib/machine-speed.ts';
import { runLoad, type Measurement } from './lib/measure.ts';
import { sleep, tail, type Child } from './lib/processes.ts';
import { cpuTable, ratioOf, summary, table, type Row, type RunFacts } from './lib/report.ts';
import { restedRssMb, rssMb, sampleRss } from './lib/rss.ts';
import { withCpu, type CpuPerUnit } from './lib/cpu.ts';
import { analyzeDatabase } from './lib/analyze.ts';
import { buildServer, runWinkelCommand, startWinkel, type Target, type WinkelTarget } from './lib/winkel.ts';
import { isFlow, scenarios, type AnyScenario, type BenchContext, type Scenario } from './scenarios/index.ts';

const USAGE = `usage: npm run bench -- [options]

  --scenario NAME      run only this scenario (repeatable); default: all
  --duration SECONDS   measured time per run (default 10)
  --connections LIST   comma-separated connection counts (default 10,50)
  --warmup SECONDS     unmeasured load before each run (default 3)
  --products N         generated products in the demo store before measuring (default 1000; 0: only the demo catalog)
  --json               print the results as JSON instead of a table
  --list               list the scenarios and exit

scenarios: ${scenarios.map((s) => s.name).join(', ')}
`;

class UsageError extends Error {}

interface Options {
  selected: AnyScenario[];
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  products: number;
  json: boolean;
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function parseOptions(argv: string[]): Options | 'help' | 'list' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string', multiple: true },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '10,50' },
        warmup: { type: 'string', default: '3' },
        products: { type: 'string', default: '1000' },
        json: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return 'help';
  if (values.list) return 'list';
  const names = values.scenario ?? scenarios.map((s) => s.name);
  const selected = names.map((name) => {
    const found = scenarios.find((s) => s.name === name);
    if (!found) throw new UsageError(`unknown scenario "${name}"`);
    return found;
  });
  return {
    selected,
    durationSeconds: whole('duration', values.duration, 1, 600),
    warmupSeconds: whole('warmup', values.warmup, 0, 120),
    connections: values.connections.split(',').map((c) => whole('connections', c, 1, 1000)),
    products: whole('products', values.products, 0, 1_000_000),
    json: values.json,
  };
}

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Upper bound for the whole run; past it everything is stopped and the run fails. */
function budgetMs(o: Options): number {
  const perRun = (o.warmupSeconds + o.durationSeconds) * 1000 + 15_000;
  const scenarioMs = (s: AnyScenario) =>
    isFlow(s)
      ? 60_000 + (s.paced ? (TRIAL_SECONDS + s.prepareSeconds(TRIAL_SECONDS)) * 1000 : 0) + o.connections.length * (perRun + (s.prepareSeconds(o.warmupSeconds) + s.prepareSeconds(o.durationSeconds)) * 1000)
      : 40_000 + o.connections.length * 2 * perRun;
  return 180_000 + o.products * 20 + o.selected.reduce((sum, s) => sum + scenarioMs(s), 0) + 60_000;
}

/** The server a scenario is measured against: the main one, or a second one over the same database with the scenario's variables. */
async function targetFor(scenario: Scenario, winkel: WinkelTarget, workDir: string, children: Child[]): Promise<{ target: Target; stop(): Promise<void> }> {
  if (!scenario.serverEnv) return { target: winkel, stop: async () => undefined };
  const dataDir = path.join(workDir, `server-${scenario.name}`);
  await mkdir(dataDir);
  say(`${scenario.name}: starting a second Winkel over the same database (${Object.entries(scenario.serverEnv).map(([k, v]) => `${k}=${v}`).join(' ')})`);
  const second = await startWinkel(dataDir, { databaseUrl: winkel.databaseUrl, env: scenario.serverEnv });
  children.push(second.child);
  return { target: second, stop: () => second.child.stop() };
}

/** The Winkel servers' logs and PostgreSQL's outlive the work folder, so a refusal or a 500 in the table can be looked up afterwards. */
async function keepServerLogs(children: Child[], workDir: string): Promise<void> {
  const kept = path.join(os.tmpdir(), 'winkel-bench-logs');
  const logs = children.filter((c) => c.name === 'winkel' && c.logFile.startsWith(workDir));
  if (logs.length === 0) return;
  await rm(kept, { recursive: true, force: true });
  await mkdir(kept, { recursive: true });
  for (const [i, child] of logs.entries()) await copyFile(child.logFile, path.join(kept, `winkel-${i + 1}.log`)).catch(() => undefined);
  await copyFile(path.join(workDir, 'postgres.log'), path.join(kept, 'postgres.log')).catch(() => undefined);
  say(`server logs kept in ${kept}`);
}

async function main(o: Options, children: Child[], workDir: string): Promise<{ rows: Row[]; facts: RunFacts; failures: string[] }> {
  say('building the server (apps/server/dist/cli.js)');
  buildServer();
  say(`starting Winkel with an embedded PostgreSQL in ${workDir}`);
  const winkel = await startWinkel(workDir);
  children.push(winkel.child);
  const pid = winkel.child.process.pid!;
  say(`Winkel ready at ${winkel.url}`);
  await sleep(3_000);
  const facts: RunFacts = { products: o.products, seedSeconds: null, idleRssMbAtStart: rssMb(pid) ?? null, idleRssMbRested: null, idleRssMbSeeded: null, peakRssMbUnderLoad: null, referenceLoopMs: { before: null, after: null }, notes: [] };

  say('letting the server rest 20 s for its idle memory reading');
  facts.idleRssMbRested = (await restedRssMb(pid)) ?? null;

  if (o.products > 0) {
    say(`seeding ${o.products} products × 3 variants into the demo store (winkel seed)`);
    const started = performance.now();
    const output = runWinkelCommand(['seed', '--products', String(o.products), '--store', 'demo'], winkel.databaseUrl);
    facts.seedSeconds = (performance.now() - started) / 1000;
    say(output.split('\n').find((l) => l.startsWith('seeded')) ?? 'seeded');
  }
  await sleep(2_000);
  facts.idleRssMbSeeded = rssMb(pid) ?? null;
  facts.referenceLoopMs.before = referenceLoopMs();

  let demo: Promise<DemoAccess> | undefined;
  const contextOn = (baseUrl: string): BenchContext => ({ baseUrl, demo: () => (demo ??= demoAccess(winkel.url, winkel.child.logFile)), say, analyze: () => analyzeDatabase(winkel.databaseUrl) });
  const rows: Row[] = [];
  const failures: string[] = [];
  const peak = sampleRss(pid);
  try {
    for (const scenario of o.selected) {
      if (isFlow(scenario)) {
        const flows = await runFlowScenario(scenario, contextOn(winkel.url), { ...o, serverPids: [pid] });
        rows.push(...flows.rows);
        facts.notes.push(...flows.notes);
        failures.push(...flows.failures);
        continue;
      }
      const { target, stop } = await targetFor(scenario, winkel, workDir, children);
      const ctx = contextOn(target.url);
      const prepared = (await scenario.setup?.(ctx)) ?? {};
      const request: Scenario = { ...scenario, path: prepared.path ?? scenario.path, ...(prepared.body !== undefined ? { body: prepared.body } : {}) };
      const headers = { ...scenario.headers, ...prepared.headers };
      const bare = await startBare(await captureReplay(target.url, request, headers), workDir, scenario.name);
      children.push(bare.child);
      const answered = { succeeded: 1, uncounted: 0 }; // the captured request
      for (const connections of o.connections) {
        let cpu: CpuPerUnit | undefined;
        const measure = async (on: Target, label: string): Promise<Measurement> => {
          const load = { baseUrl: on.url, scenario: request, headers, connections };
          if (o.warmupSeconds > 0) {
            const warm = await runLoad({ ...load, durationSeconds: o.warmupSeconds });
            if (on === target) Object.assign(answered, { succeeded: answered.succeeded + warm.ok2xx, uncounted: answered.uncounted + connections });
          }
          say(`${scenario.name}: ${label}, ${connections} connections, ${o.durationSeconds} s`);
          const measured = await withCpu([pid, target.child.process.pid!], () => runLoad({ ...load, durationSeconds: o.durationSeconds }), (r) => r.requests);
          const m = measured.result;
          if (on === target) cpu = measured.cpu;
          if (on === target) Object.assign(answered, { succeeded: answered.succeeded + m.ok2xx, uncounted: answered.uncounted + connections });
          return m;
        };
        const w = await measure(target, 'winkel');
        const b = await measure(bare, 'node:http');
        rows.push({ scenario: scenario.name, connections, durationSeconds: o.durationSeconds, winkel: w, bare: b, ratio: ratioOf(w, b), ...(cpu ? { cpu } : {}) });
      }
      await bare.child.stop();
      if (scenario.verify) facts.notes.push(`${scenario.name}: ${await scenario.verify(ctx, prepared, answered)}`);
      await stop();
    }
  } catch (err) {
    // A scenario that failed because the server went away: say why it did.
    if (winkel.child.process.exitCode !== null || winkel.child.process.signalCode !== null) say(`Winkel exited (${winkel.child.process.exitCode ?? winkel.child.process.signalCode}); the end of its log:\n${tail(winkel.child.logFile, 40)}`);
    throw err;
  } finally {
    facts.peakRssMbUnderLoad = peak.stop() ?? null;
  }
  facts.referenceLoopMs.after = referenceLoopMs();
  return { rows, facts, failures };
}

async function cli(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options === 'list') {
    for (const s of scenarios) process.stdout.write(`${s.name.padEnd(28)} ${isFlow(s) ? '(flow) ' : ''}${s.description}\n`);
    return 0;
  }
  const o = options;
  const startedAt = new Date().toISOString();

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'winkel-bench-'));
  const children: Child[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const child of [...children].reverse()) await child.stop();
      await keepServerLogs(children, workDir);
      await rm(workDir, { recursive: true, force: true });
    })());
  const abort = (why: string, code: number) => {
    say(`${why}; stopping what the bench started`);
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  const budget = budgetMs(o);
  setTimeout(() => abort(`over the time budget of ${Math.round(budget / 1000)} s`, 1), budget).unref();

  try {
    const { rows, facts, failures } = await main(o, children, workDir);
    process.stdout.write(o.json ? `${JSON.stringify({ startedAt, node: process.version, cpus: os.cpus().length, ...facts, failures, rows }, null, 2)}\n` : `${table(rows)}\n\n${[cpuTable(rows), summary(rows, facts)].filter(Boolean).join('\n\n')}\n`);
    for (const failure of failures) say(`CHECK FAILED: ${failure}`);
    return failures.length > 0 ? 1 : 0;
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await cleanup();
  }
}

process.exit(await cli());
