import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { captureReplay, startBare } from './lib/bare.ts';
import { runLoad, type Measurement } from './lib/measure.ts';
import type { Child } from './lib/processes.ts';
import { ratioOf, table, type Row } from './lib/report.ts';
import { startWinkel, type Target } from './lib/winkel.ts';
import { scenarios, type Scenario } from './scenarios/index.ts';

const USAGE = `usage: npm run bench -- [options]

  --scenario NAME      run only this scenario (repeatable); default: all
  --duration SECONDS   measured time per run (default 10)
  --connections LIST   comma-separated connection counts (default 10,50)
  --warmup SECONDS     unmeasured load before each run (default 3)
  --json               print the results as JSON instead of a table
  --list               list the scenarios and exit

scenarios: ${scenarios.map((s) => s.name).join(', ')}
`;

class UsageError extends Error {}

interface Options {
  selected: Scenario[];
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
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
    json: values.json,
  };
}

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Upper bound for the whole run; past it everything is stopped and the run fails. */
function budgetMs(o: Options): number {
  const perRun = (o.warmupSeconds + o.durationSeconds) * 1000 + 15_000;
  return 180_000 + o.selected.length * (40_000 + o.connections.length * 2 * perRun) + 60_000;
}

async function main(o: Options, children: Child[], workDir: string): Promise<Row[]> {
  say(`starting Winkel with an embedded PostgreSQL in ${workDir}`);
  const winkel = await startWinkel(workDir);
  children.push(winkel.child);
  say(`Winkel ready at ${winkel.url}`);

  const rows: Row[] = [];
  for (const scenario of o.selected) {
    const headers = { ...scenario.headers, ...((await scenario.setup?.(winkel.url)) ?? {}) };
    const bare = await startBare(await captureReplay(winkel.url, scenario, headers), workDir, scenario.name);
    children.push(bare.child);
    for (const connections of o.connections) {
      const measure = async (target: Target, label: string): Promise<Measurement> => {
        const load = { baseUrl: target.url, scenario, headers, connections };
        if (o.warmupSeconds > 0) await runLoad({ ...load, durationSeconds: o.warmupSeconds });
        say(`${scenario.name}: ${label}, ${connections} connections, ${o.durationSeconds} s`);
        return runLoad({ ...load, durationSeconds: o.durationSeconds });
      };
      const w = await measure(winkel, 'winkel');
      const b = await measure(bare, 'node:http');
      rows.push({ scenario: scenario.name, connections, durationSeconds: o.durationSeconds, winkel: w, bare: b, ratio: ratioOf(w, b) });
    }
    await bare.child.stop();
  }
  return rows;
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
    for (const s of scenarios) process.stdout.write(`${s.name.padEnd(24)} ${s.description}\n`);
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
    const rows = await main(o, children, workDir);
    process.stdout.write(o.json ? `${JSON.stringify({ startedAt, node: process.version, cpus: os.cpus().length, rows }, null, 2)}\n` : `${table(rows)}\n`);
    return 0;
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await cleanup();
  }
}

process.exit(await cli());
