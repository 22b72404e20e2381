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
