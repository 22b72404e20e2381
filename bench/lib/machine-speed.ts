import { performance } from 'node:perf_hooks';

/** Additions in the reference loop. */
const ADDITIONS = 1e8;

function loopMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < ADDITIONS; i++) sum += i;
  // Using the sum keeps the loop from being optimized away.
  if (sum < 0) throw new Error('the reference loop overflowed');
  return performance.now() - started;
}

/**
 * How fast this machine is right now: the median milliseconds of three runs of a fixed loop of
 * 10^8 additions, with nothing else of the bench running. On a shared machine the same code can
 * run twice as fast in one hour as in the next; runs are comparable when this figure is.
 */
export function referenceLoopMs(): number {
  const runs = [loopMs(), loopMs(), loopMs()].sort((a, b) => a - b);
  return runs[1]!;
}
