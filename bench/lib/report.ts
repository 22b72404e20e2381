import type { Measurement } from './measure.ts';

export interface Row {
  scenario: string;
  connections: number;
  durationSeconds: number;
  winkel: Measurement;
  bare: Measurement;
  /** Winkel divided by bare: below 1 for req/s and above 1 for p99 means Winkel is slower. */
  ratio: { reqPerSec: number; p99: number };
}

export function ratioOf(winkel: Measurement, bare: Measurement): Row['ratio'] {
  const div = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  return { reqPerSec: div(winkel.reqPerSec, bare.reqPerSec), p99: div(winkel.p99Ms, bare.p99Ms) };
}

const HEAD = ['scenario', 'conns', 'server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx'];
const LEFT = new Set([0, 2]);

const ms = (v: number) => v.toFixed(2);
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');

function cells(scenario: string, conns: string, server: string, m: Measurement): string[] {
  return [scenario, conns, server, Math.round(m.reqPerSec).toString(), ms(m.p50Ms), ms(m.p95Ms), ms(m.p99Ms), String(m.errors), String(m.non2xx)];
}

export function table(rows: Row[]): string {
  const lines: string[][] = [HEAD];
  for (const r of rows) {
    lines.push(cells(r.scenario, String(r.connections), 'winkel', r.winkel));
    lines.push(cells('', '', 'node:http', r.bare));
    lines.push(['', '', 'winkel/bare', times(r.ratio.reqPerSec), '', '', times(r.ratio.p99), '', '']);
  }
  const widths = HEAD.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines
    .map((l) => l.map((c, i) => (LEFT.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/** What the run measured besides the table. Memory in MiB (VmRSS of the server's node process, not PostgreSQL's). */
export interface RunFacts {
  products: number;
  seedSeconds: number | null;
  idleRssMbAtStart: number | null;
  idleRssMbSeeded: number | null;
  peakRssMbUnderLoad: number | null;
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

const row = (rows: Row[], scenario: string, connections: number) => rows.find((r) => r.scenario === scenario && r.connections === connections);
const mib = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MiB`);

/** The goals the catalog and storefront are held to, each with what this run measured. */
export function summary(rows: Row[], facts: RunFacts): string {
  const uncached = row(rows, 'storefront-listing-uncached', 10);
  const targets: Target[] = [
    { what: 'uncached listing, 10 connections: >= 2000 req/s', value: uncached?.winkel.reqPerSec, ok: (v) => v >= 2000, shown: (v) => `${Math.round(v)} req/s` },
    { what: 'uncached listing, 10 connections: p95 < 10 ms', value: uncached?.winkel.p95Ms, ok: (v) => v < 10, shown: (v) => `${v.toFixed(2)} ms` },
    { what: 'product by slug, 10 connections: >= 4000 req/s', value: row(rows, 'product-by-slug', 10)?.winkel.reqPerSec, ok: (v) => v >= 4000, shown: (v) => `${Math.round(v)} req/s` },
    ...[10, 50].map((c) => ({ what: `cached listing, ${c} connections: >= 50 % of the bare server's req/s`, value: row(rows, 'storefront-listing', c)?.ratio.reqPerSec, ok: (v: number) => v >= 0.5, shown: (v: number) => `${(v * 100).toFixed(0)} %` })),
    { what: 'server RSS idle after start: < 150 MiB', value: facts.idleRssMbAtStart ?? undefined, ok: (v) => v < 150, shown: (v) => `${v.toFixed(0)} MiB` },
    { what: 'server RSS peak under load: < 300 MiB', value: facts.peakRssMbUnderLoad ?? undefined, ok: (v) => v < 300, shown: (v) => `${v.toFixed(0)} MiB` },
  ];
  const lines = [
    `catalog: demo catalog + ${facts.products} generated products × 3 variants${facts.seedSeconds === null ? '' : ` (seeded in ${facts.seedSeconds.toFixed(1)} s)`}`,
    `server RSS: ${mib(facts.idleRssMbAtStart)} idle after start, ${mib(facts.idleRssMbSeeded)} idle after seeding, ${mib(facts.peakRssMbUnderLoad)} peak under load`,
    ...facts.notes,
    '',
    'targets:',
    ...targets.map((t) => `  ${t.value === undefined ? 'n/a ' : t.ok(t.value) ? 'met ' : 'MISS'}  ${t.what}${t.value === undefined ? '' : ` (${t.shown(t.value)})`}`),
  ];
  return lines.join('\n');
}
