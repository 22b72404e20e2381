import { spawn } from 'node:child_process';

/**
 * How to start this program again as a child process: the Node binary, its
 * flags (the TypeScript loader in development, source maps when compiled) and
 * the CLI's entry file. Known only when the process was started through the
 * CLI; tests and embedders have none, and work that would use it runs in-process.
 */
export interface SelfCommand {
  execPath: string;
  args: string[];
}

export function selfCommandOf(proc: Pick<NodeJS.Process, 'execPath' | 'execArgv' | 'argv'>): SelfCommand | null {
  const entry = proc.argv[1];
  return entry ? { execPath: proc.execPath, args: [...proc.execArgv, entry] } : null;
}

/** Lines of a child's error output kept for the failure message. */
const KEPT_ERROR_LINES = 20;

/**
 * Runs `winkel <words>` in a child process with `env` added to this process's
 * environment, and resolves when it exits 0. Aborting the signal stops the child.
 */
export function runSelf(self: SelfCommand, words: string[], env: Record<string, string>, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(self.execPath, [...self.args, ...words], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      errors.push(...chunk.split('\n').filter(Boolean));
      if (errors.length > KEPT_ERROR_LINES) errors.splice(0, errors.length - KEPT_ERROR_LINES);
    });
    const stop = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      signal?.removeEventListener('abort', stop);
      if (code === 0) resolve();
      else reject(new Error(`winkel ${words.join(' ')} exited with ${sig ?? code}: ${errors.join(' | ') || 'no error output'}`));
    });
  });
}
