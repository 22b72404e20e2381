import { readFileSync } from 'node:fs';

/** Resident memory of one process (VmRSS in /proc), in MiB; undefined where /proc is missing or the process is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssSampler {
  /** Stops sampling; the highest figure seen, in MiB (undefined if none could be read). */
  stop(): number | undefined;
}

/** Samples a process's resident memory every `everyMs` and keeps the peak. */
export function sampleRss(pid: number, everyMs = 200): RssSampler {
  let peak: number | undefined;
  const take = () => {
    const now = rssMb(pid);
    if (now !== undefined && (peak === undefined || now > peak)) peak = now;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/**
 * Resident memory once the server has rested: read every second for `restMs`
 * with no requests, the last reading. A process that has just started still
 * holds its start-up garbage (migrations, the demo seed) until the runtime's
 * idle collection runs, typically 10–15 s after the last burst of work.
 */
export async function restedRssMb(pid: number, restMs = 20_000): Promise<number | undefined> {
  let last = rssMb(pid);
  for (let waited = 0; waited < restMs; waited += 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    last = rssMb(pid) ?? last;
  }
  return last;
}
