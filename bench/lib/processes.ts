import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';

export const HOST = '127.0.0.1';

/** Resolved here so a child started in any folder finds tsx. */
const tsx = import.meta.resolve('tsx');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM, wait up to graceMs, then SIGKILL the whole process group. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a node process (with tsx unless told otherwise), output to logFile. Detached, so a Ctrl-C in
 * the terminal reaches only the runner, which then stops children in order
 * (a second SIGINT would make Winkel skip its clean shutdown).
 */
export function startNode(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; typescript?: boolean }): Child {
  const fd = openSync(options.logFile, 'a');
  // typescript: false runs plain JavaScript (the compiled server) without the tsx loader.
  const child = spawn(process.execPath, [...(options.typescript === false ? [] : ['--import', tsx]), ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 20_000) =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) {
        process.stderr.write(`bench: ${name} did not stop within ${graceMs} ms; killing its process group\n`);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        await exited;
      }
    })());
  return { name, process: child, logFile: options.logFile, exited, stop };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls url until it answers `status`, the child exits, or timeoutMs passes. */
export async function waitFor(url: string, child: Child, timeoutMs: number, status = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  let last = 'no answer';
  while (Date.now() < until) {
    if (exited) throw new Error(`${child.name} exited before it was ready:\n${tail(child.logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === status) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(200);
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s (${last}):\n${tail(child.logFile)}`);
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
