import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, HOST, startNode, waitFor, type Child } from './processes.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Target {
  url: string;
  child: Child;
}

/**
 * The real server, started as `winkel start`, on its own embedded PostgreSQL
 * in dataDir. Every variable that could point it elsewhere (a developer's
 * .env) is set here; real variables beat .env. NODE_ENV stays development:
 * it changes only the configuration checks (production requires a mail
 * server, secrets…) and the banner, not how requests are served.
 */
export async function startWinkel(dataDir: string): Promise<Target> {
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
    DATABASE_URL: '',
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
  };
  const child = startNode('winkel', [path.join(repoRoot, 'apps/server/src/cli.ts'), 'start'], {
    cwd: repoRoot,
    env,
    logFile: path.join(dataDir, 'winkel.log'),
  });
  try {
    await waitFor(`${url}/health/ready`, child, 120_000);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { url, child };
}
