import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, HOST, startNode, waitFor, type Child } from './processes.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Target {
  url: string;
  child: Child;
}

export interface WinkelTarget extends Target {
  /** Its database: the embedded PostgreSQL in dataDir, or the one it was given. */
  databaseUrl: string;
}

export interface WinkelOptions {
  /** Share this database instead of starting an embedded one (a second server over the same data). */
  databaseUrl?: string;
  /** Variables on top of the bench's own (STOREFRONT_CACHE_TTL_SECONDS=0, …). */
  env?: Record<string, string>;
}

const serverDir = path.join(repoRoot, 'apps/server');

/** Bundles the server into apps/server/dist/cli.js, as `npm start` does, so the bench measures what production runs. */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(serverDir, 'scripts/build.js')], { cwd: serverDir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `winkel <args>` of the compiled build against a database, waiting for it to finish; its output, or the error with it. */
export function runWinkelCommand(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, [path.join(serverDir, 'dist/cli.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: databaseUrl, REDIS_URL: '', LOG_LEVEL: 'warn', DB_SLOW_QUERY_MS: '60000' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * The real server, started as `winkel start` from the compiled build (call
 * buildServer first), on its own embedded PostgreSQL (or options.databaseUrl)
 * in dataDir. Every variable that could point it elsewhere (a developer's
 * .env) is set here; real variables beat .env. NODE_ENV stays development:
 * it changes only the configuration checks (production requires a mail
 * server, secrets…) and the banner, not how requests are served.
 */
export async function startWinkel(dataDir: string, options: WinkelOptions = {}): Promise<WinkelTarget> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const url = `http://${HOST}:${port}`;
  const unlimited = '1000000000/1';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST,
    PORT: String(port),
    PUBLIC_URL: url,
    APP_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DATABASE_URL: options.databaseUrl ?? '',
    REDIS_URL: '',
    METRICS_TOKEN: '',
    MAINTENANCE_MODE: 'false',
    SHUTDOWN_TIMEOUT_MS: '10000',
    SHUTDOWN_DRAIN_MS: '0',
    // Measure what the limiter costs, not what it refuses.
    RATE_LIMIT_AUTH: unlimited,
    RATE_LIMIT_WRITE: unlimited,
    RATE_LIMIT_PUBLIC: unlimited,
    RATE_LIMIT_GENERAL: unlimited,
    ...options.env,
  };
  const child = startNode('winkel', [...(process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : []), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--enable-source-maps', '--max-semi-space-size=32', path.join(serverDir, 'dist/cli.js'), 'start'], {
    cwd: repoRoot,
    env,
    logFile: path.join(dataDir, 'winkel.log'),
    typescript: false,
  });
  try {
    await waitFor(`${url}/health/ready`, child, 120_000);
  } catch (err) {
    await child.stop();
    throw err;
  }
  const databaseUrl = options.databaseUrl ?? `postgres://winkel:${readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim()}@${HOST}:${pgPort}/winkel`;
  return { url, child, databaseUrl };
}
