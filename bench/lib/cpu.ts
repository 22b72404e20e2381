import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts process CPU time in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

interface ProcessTimes {
  ppid: number;
  /** utime + stime: the process's own CPU time, in ticks. */
  own: number;
  /** cutime + cstime: CPU time of its children that have exited and been waited for, in ticks. */
  reaped: number;
}

function readTimes(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), own: n(11) + n(12), reaped: n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** CPU time used so far, in ms: the Winkel node processes themselves, everything they started (PostgreSQL), and this process (the load generator). */
export interface CpuTotals {
  serverMs: number;
  postgresMs: number;
  loadMs: number;
}

/**
 * Reads /proc for the servers `serverPids` and every process under them. A process that has
 * exited counts in its parent's reaped time, so PostgreSQL backends that come and go are not lost.
 * Zeros where /proc is missing (not Linux).
 */
export function cpuNow(serverPids: number[]): CpuTotals {
  const processes = new Map<number, ProcessTimes>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    // not Linux: only the load generator is counted
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const times = readTimes(Number(entry));
    if (times) processes.set(Number(entry), times);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let server = 0;
  let under = 0;
  for (const root of new Set(serverPids)) {
    const rootTimes = processes.get(root);
    if (!rootTimes) continue;
    server += rootTimes.own;
    under += rootTimes.reaped;
    const stack = [...(children.get(root) ?? [])];
    for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
      const times = processes.get(pid)!;
      under += times.own + times.reaped;
      stack.push(...(children.get(pid) ?? []));
    }
  }
  const load = process.cpuUsage();
  return { serverMs: server * MS_PER_TICK, postgresMs: under * MS_PER_TICK, loadMs: (load.user + load.system) / 1000 };
}

/** CPU time per request or order between two readings, in ms. */
export interface CpuPerUnit {
  serverMs: number;
  postgresMs: number;
  loadMs: number;
  totalMs: number;
}

export function cpuPerUnit(before: CpuTotals, after: CpuTotals, units: number): CpuPerUnit | undefined {
  if (units <= 0) return undefined;
  const per = (k: keyof CpuTotals) => (after[k] - before[k]) / units;
  const serverMs = per('serverMs');
  const postgresMs = per('postgresMs');
  const loadMs = per('loadMs');
  return { serverMs, postgresMs, loadMs, totalMs: serverMs + postgresMs + loadMs };
}

/** Measures the CPU that `work` costs per unit it reports. */
export async function withCpu<T>(serverPids: number[], work: () => Promise<T>, unitsOf: (result: T) => number): Promise<{ result: T; cpu: CpuPerUnit | undefined }> {
  const before = cpuNow(serverPids);
  const result = await work();
  return { result, cpu: cpuPerUnit(before, cpuNow(serverPids), unitsOf(result)) };
}
