import type { CpuPerUnit } from './cpu.ts';
import type { FlowMeasurement } from './flow-driver.ts';
import type { Measurement } from './measure.ts';

/** One request scenario at one connection count, against Winkel and the bare server. */
export interface RequestRow {
  kind?: 'request';
  scenario: string;
  connections: number;
  durationSeconds: number;
  winkel: Measurement;
  bare: Measurement;
  /** Winkel divided by bare: below 1 for req/s and above 1 for p99 means Winkel is slower. */
  ratio: { reqPerSec: number; p99: number };
  /** CPU per request of the Winkel run (Linux only). */
  cpu?: CpuPerUnit;
}

/** One flow at one connection count: Winkel only. */
export interface FlowRow {
  kind: 'flow';
  scenario: string;
  connections: number;
  durationSeconds: number;
  flow: FlowMeasurement;
  /** What the run's check found (oversold units, stock left, …). */
  figures: Record<string, number>;
  /** A check at this connection count (trial, warm-up or measured run) found the server's state disagreeing with its answers. */
  checkFailed: boolean;
  /** CPU per order (Linux only). */
  cpu?: CpuPerUnit;
}

export type Row = RequestRow | FlowRow;

const isFlowRow = (r: Row): r is FlowRow => r.kind === 'flow';

export function ratioOf(winkel: Measurement, bare: Measurement): RequestRow['ratio'] {
  const div = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  return { reqPerSec: div(winkel.reqPerSec, bare.reqPerSec), p99: div(winkel.p99Ms, bare.p99Ms) };
}

const HEAD = ['scenario', 'conns', 'server', 'req/s', 'orders/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx'];
const NONE = '—';
const LEFT = new Set([0, 2]);

const ms = (v: number) => v.toFixed(2);
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');

function cells(scenario: string, conns: string, server: string, m: Measurement): string[] {
  return [scenario, conns, server, Math.round(m.reqPerSec).toString(), '', ms(m.p50Ms), ms(m.p95Ms), ms(m.p99Ms), String(m.errors), String(m.non2xx)];
}

function flowCells(r: FlowRow): string[][] {
  const m = r.flow;
  return [
    [r.scenario, String(r.connections), 'winkel', Math.round(m.reqPerSec).toString(), Math.round(m.unitsPerSec).toString(), ms(m.p50Ms), ms(m.p95Ms), ms(m.p99Ms), String(m.errors), String(m.non2xx)],
    ['', '', 'each request', NONE, NONE, ms(m.request.p50Ms), ms(m.request.p95Ms), ms(m.request.p99Ms), '', ''],
  ];
}

export function table(rows: Row[]): string {
  const lines: string[][] = [HEAD];
  for (const r of rows) {
    if (isFlowRow(r)) {
      lines.push(...flowCells(r));
      continue;
    }
    lines.push(cells(r.scenario, String(r.connections), 'winkel', r.winkel));
    lines.push(cells('', '', 'node:http', r.bare));
    lines.push(['', '', 'winkel/bare', times(r.ratio.reqPerSec), '', '', '', times(r.ratio.p99), '', '']);
  }
  const widths = HEAD.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines
    .map((l) => l.map((c, i) => (LEFT.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

const CPU_HEAD = ['scenario', 'conns', 'per', 'winkel ms', 'postgres ms', 'load ms', 'total ms'];

/**
 * CPU time per request (per order for flows), from /proc: the Winkel node process, its PostgreSQL
 * processes, and the load generator. Unlike req/s it barely moves with how busy the shared machine
 * is, so it compares builds across runs.
 */
export function cpuTable(rows: Row[]): string {
  const measured = rows.filter((r) => r.cpu !== undefined);
  if (measured.length === 0) return '';
  const lines = [
    CPU_HEAD,
    ...measured.map((r) => {
      const c = r.cpu!;
      return [r.scenario, String(r.connections), isFlowRow(r) ? 'order' : 'request', ms(c.serverMs), ms(c.postgresMs), ms(c.loadMs), ms(c.totalMs)];
    }),
  ];
  const widths = CPU_HEAD.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const title = 'CPU time per request or order (Linux /proc: Winkel node process, its PostgreSQL, this load generator):';
  return [title, ...lines.map((l) => l.map((c, i) => (LEFT.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd())].join('\n');
}

/** What the run measured besides the table. Memory in MiB (VmRSS of the server's node process, not PostgreSQL's). */
export interface RunFacts {
  products: number;
  seedSeconds: number | null;
  /** Three seconds after the server said it was ready, start-up garbage still held. */
  idleRssMbAtStart: number | null;
  /** After twenty seconds at rest (restedRssMb): what an idle server holds. */
  idleRssMbRested: number | null;
  idleRssMbSeeded: number | null;
  peakRssMbUnderLoad: number | null;
  /** The machine's speed before the first scenario and after the last (machine-speed.ts): lower is faster. */
  referenceLoopMs: { before: number | null; after: number | null };
  /** A line per scenario that checked the server's state afterwards. */
  notes: string[];
}

interface Target {
  what: string;
  /** undefined: the run did not measure it. */
  value: number | undefined;
  ok: (v: number) => boolean;
  shown: (v: number) => string;
}

const row = (rows: Row[], scenario: string, connections: number) => rows.find((r): r is RequestRow => !isFlowRow(r) && r.scenario === scenario && r.connections === connections);
const flowRow = (rows: Row[], scenario: string, connections: number) => rows.find((r): r is FlowRow => isFlowRow(r) && r.scenario === scenario && r.connections === connections);
const perSecond = (v: number) => `${Math.round(v)} orders/s`;
const millis = (v: number) => `${v.toFixed(2)} ms`;

/** The checkout goals: orders per second, p99 at 50 connections, and no unit sold twice. */
function checkoutTargets(rows: Row[]): Target[] {
  const hot = rows.filter((r): r is FlowRow => isFlowRow(r) && r.scenario === 'checkout-call-hot-variant');
  const oversold = hot.length === 0 ? undefined : hot.reduce((sum, r) => sum + (r.figures['oversold'] ?? 0), 0);
  const failed = hot.some((r) => r.checkFailed);
  return [
    ...[10, 50].map((c) => ({ what: `checkout guest flow, ${c} connections: >= 200 orders/s`, value: flowRow(rows, 'checkout-guest-flow', c)?.flow.unitsPerSec, ok: (v: number) => v >= 200, shown: perSecond })),
    ...[10, 50].map((c) => ({ what: `checkout call, distinct variants, ${c} connections: >= 500 orders/s`, value: flowRow(rows, 'checkout-call-distinct', c)?.flow.unitsPerSec, ok: (v: number) => v >= 500, shown: perSecond })),
    { what: 'checkout call, hot variant: zero oversell (every run checked)', value: oversold, ok: (v) => v === 0 && !failed, shown: (v) => `${v} oversold${failed ? '; a stock check FAILED' : ''}` },
    { what: 'checkout call, distinct variants, 50 connections: p99 < 100 ms', value: flowRow(rows, 'checkout-call-distinct', 50)?.flow.p99Ms, ok: (v) => v < 100, shown: millis },
    { what: 'checkout call, hot variant, 50 connections: p99 < 100 ms', value: flowRow(rows, 'checkout-call-hot-variant', 50)?.flow.p99Ms, ok: (v) => v < 100, shown: millis },
    { what: 'checkout guest flow, each of its requests, 50 connections: p99 < 100 ms', value: flowRow(rows, 'checkout-guest-flow', 50)?.flow.request.p99Ms, ok: (v) => v < 100, shown: millis },
    // 50 shoppers each waiting for their flow: the mean flow takes 50 / (orders/s) seconds (Little's law), 100 ms only above 500 orders/s.
    { what: 'checkout guest flow, all five requests in a row, 50 connections: p99 < 100 ms', value: flowRow(rows, 'checkout-guest-flow', 50)?.flow.p99Ms, ok: (v) => v < 100, shown: millis },
  ];
}
const mib = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MiB`);
const msOrNa = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} ms`);

/** The goals the catalog and storefront are held to, each with what this run measured. */
export function summary(rows: Row[], facts: RunFacts): string {
  const uncached = row(rows, 'storefront-listing-uncached', 10);
  const targets: Target[] = [
    { what: 'uncached listing, 10 connections: >= 2000 req/s', value: uncached?.winkel.reqPerSec, ok: (v) => v >= 2000, shown: (v) => `${Math.round(v)} req/s` },
    { what: 'uncached listing, 10 connections: p95 < 10 ms', value: uncached?.winkel.p95Ms, ok: (v) => v < 10, shown: (v) => `${v.toFixed(2)} ms` },
    { what: 'product by slug, 10 connections: >= 4000 req/s', value: row(rows, 'product-by-slug', 10)?.winkel.reqPerSec, ok: (v) => v >= 4000, shown: (v) => `${Math.round(v)} req/s` },
    ...[10, 50].map((c) => ({ what: `cached listing, ${c} connections: >= 50 % of the bare server's req/s`, value: row(rows, 'storefront-listing', c)?.ratio.reqPerSec, ok: (v: number) => v >= 0.5, shown: (v: number) => `${(v * 100).toFixed(0)} %` })),
    ...checkoutTargets(rows),
    { what: 'server RSS idle (20 s at rest after start): < 150 MiB', value: facts.idleRssMbRested ?? undefined, ok: (v) => v < 150, shown: (v) => `${v.toFixed(0)} MiB` },
    { what: 'server RSS peak under load: < 300 MiB', value: facts.peakRssMbUnderLoad ?? undefined, ok: (v) => v < 300, shown: (v) => `${v.toFixed(0)} MiB` },
  ];
  const lines = [
    `catalog: demo catalog + ${facts.products} generated products × 3 variants${facts.seedSeconds === null ? '' : ` (seeded in ${facts.seedSeconds.toFixed(1)} s)`}`,
    `server RSS: ${mib(facts.idleRssMbAtStart)} 3 s after start, ${mib(facts.idleRssMbRested)} after 20 s at rest, ${mib(facts.idleRssMbSeeded)} idle after seeding, ${mib(facts.peakRssMbUnderLoad)} peak under load`,
    `machine speed: 10^8 additions in ${msOrNa(facts.referenceLoopMs.before)} before the scenarios, ${msOrNa(facts.referenceLoopMs.after)} after (lower is faster; compare runs only at similar speeds)`,
    ...facts.notes,
    '',
    'targets:',
    ...targets.map((t) => `  ${t.value === undefined ? 'n/a ' : t.ok(t.value) ? 'met ' : 'MISS'}  ${t.what}${t.value === undefined ? '' : ` (${t.shown(t.value)})`}`),
  ];
  return lines.join('\n');
}
