import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, type App } from '../src/app.ts';
import { createApiKeyVerifier } from '../src/modules/security/index.ts';
import { createStaffTokenVerifier } from '../src/modules/identity/index.ts';
import type { BearerVerifier } from '../src/platform/http/authenticate.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createDatabase, type Database } from '../src/platform/db/database.ts';
import { ServerState } from '../src/platform/lifecycle/server-state.ts';
import { createLogger, type Logger } from '../src/platform/logging/logger.ts';
import { openRedis, redisCheck, type Redis } from '../src/platform/redis/redis.ts';
import { createSharedState, type SharedState } from '../src/platform/redis/shared-state.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: App;
  config: Config;
  database: Database;
  state: ServerState;
  log: Logger;
  /** Every JSON log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Set when REDIS_URL is (in the environment or in options.env; REDIS_URL='' turns it off). */
  redis: Redis | null;
  /** The app's rate limiter, cache and pub/sub: Redis-backed when redis is set, in memory otherwise. */
  shared: SharedState;
  close(): Promise<void>;
}

/** Environment for a test app; DATABASE_URL is filled in by the helpers. */
export function testConfig(env: Record<string, string> = {}, databaseUrl?: string): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    // Generous enough that ordinary tests never meet a 429; rate-limit tests set their own.
    RATE_LIMIT_AUTH: '100000/60',
    RATE_LIMIT_WRITE: '100000/60',
    RATE_LIMIT_PUBLIC: '100000/60',
    RATE_LIMIT_GENERAL: '100000/60',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
}

export function captureLogger(level = 'info'): { log: Logger; logs: Array<Record<string, unknown>> } {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger(level, sink), logs };
}

export interface BuildTestAppOptions {
  env?: Record<string, string>;
  /** Use this database instead of a fresh one (two apps sharing a database). */
  db?: TestDatabase;
  /** Add routes before the app is made ready. */
  routes?: (app: App) => void | Promise<void>;
  /** Bearer verifiers besides the real ones (tests pass test-only principals through here). */
  bearerVerifiers?: BearerVerifier[];
  /** Prefix of the app's Redis keys and channels: apps given the same one share counters, cache and channels. Default: unique per app. */
  redisKeyPrefix?: string;
}

/** A full app on its own fresh database, answering through app.inject() or a real port. */
export async function buildTestApp(options: BuildTestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig({ ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), ...options.env }, db.url);
  const { log, logs } = captureLogger();
  const redis = config.redisUrl ? await openRedis(config.redisUrl, log) : null;
  const keyPrefix = options.redisKeyPrefix ?? `winkel-test:${randomBytes(6).toString('hex')}`;
  const shared = createSharedState({ rateLimits: config.rateLimits, redis, log, keyPrefix });
  const database = createDatabase(
    { url: db.url, max: 5, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: config.database.slowQueryMs },
    log,
  );
  const state = new ServerState();
  const app = await buildApp({ config, database, state, log, rateLimiter: shared.rateLimiter, cache: shared.cache, extraChecks: redis ? [redisCheck(redis)] : [],
    bearerVerifiers: [createApiKeyVerifier(database.db), createStaffTokenVerifier({ db: database.db, config }), ...(options.bearerVerifiers ?? [])] });
  if (options.routes) await options.routes(app);
  await app.ready();
  return {
    app,
    config,
    database,
    state,
    log,
    logs,
    redis,
    shared,
    close: async () => {
      await app.close();
      await shared.close();
      await redis?.close();
      await database.close();
      if (!options.db) await db.drop();
    },
  };
}
