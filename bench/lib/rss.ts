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
