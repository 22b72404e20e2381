import { execFileSync } from 'node:child_process';

/**
 * A fixed loop of 10^8 additions, timed in a fresh Node process: in the runner itself the loop
 * would be compiled differently from one call to the next (a warm function runs it several times
 * faster), and the figure would measure the JIT instead of the machine.
 */
const LOOP = 'const t = process.hrtime.bigint(); let s = 0; for (let i = 0; i < 1e8; i++) s += i; if (s < 0) throw 0; console.log(Number(process.hrtime.bigint() - t) / 1e6);';

const loopMs = (): number => Number(execFileSync(process.execPath, ['-e', LOOP], { encoding: 'utf8' }).trim());

/**
 * How fast this machine is right now: the median milliseconds of three runs of the loop, with
 * nothing else of the bench running. On a shared machine the same code can run twice as fast in
 * one hour as in the next; runs are comparable when this figure is.
 */
export function referenceLoopMs(): number {
  const runs = [loopMs(), loopMs(), loopMs()].sort((a, b) => a - b);
  return runs[1]!;
}
