import type { Config } from '../config.ts';
import type { Cache } from './cache/cache.ts';
import type { PubSub } from './cache/pubsub.ts';
import { createDatabase, type Database } from './db/database.ts';
import { createNotificationListener, type NotificationListener } from './db/notification-listener.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.ts';
import { runMigrations } from './db/migrate.ts';
import type { HealthCheck } from './health/checks.ts';
import type { Logger } from './logging/logger.ts';
import type { RateLimiter } from './ratelimit/rate-limiter.ts';
import { openRedis, redisCheck, type Redis } from './redis/redis.ts';
import { createSharedState } from './redis/shared-state.ts';
import { createMailer, type Mailer } from '../modules/mail/index.ts';

/**
 * The composition root: every long-lived resource one process holds (database,
 * embedded PostgreSQL, Redis, …), opened in order and closed in reverse.
 */
export interface Runtime {
  config: Config;
  log: Logger;
  databaseUrl: string;
  database: Database;
  embedded: EmbeddedPostgres | null;
  /** Null when REDIS_URL is not set; cache, pub/sub and rate limits then live in this process. */
  redis: Redis | null;
  cache: Cache;
  pubsub: PubSub;
  rateLimiter: RateLimiter;
  extraChecks: HealthCheck[];
  /** SMTP from SMTP_URL; otherwise (never in production) the development transport, which logs messages. */
  mail: Mailer;
  /** LISTEN for database notices (catalog changes); connects on first use, on a connection of its own. */
  notices: NotificationListener;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  migrate?: boolean;
  applicationName?: string;
}

export async function openRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) {
      await closeOne().catch((err: unknown) => log.error({ err }, 'error while closing'));
    }
    closers.length = 0;
  };
  try {
    let embedded: EmbeddedPostgres | null = null;
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.database.dataDir,
        port: config.database.embeddedPort,
        onLog: (line) => log.info(line),
      });
      closers.push(() => embedded!.stop());
      databaseUrl = embedded.url;
    }
    if (options.migrate ?? config.database.migrateOnStart) await runMigrations(databaseUrl, log);

    const database = createDatabase(
      {
        url: databaseUrl,
        max: config.database.poolMax,
        readPoolMax: config.database.readPoolMax,
        statementTimeoutMs: config.database.statementTimeoutMs,
        idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
        slowQueryMs: config.database.slowQueryMs,
        applicationName: options.applicationName ?? 'winkel',
      },
      log,
    );
    closers.push(() => database.close());
    const notices = createNotificationListener({ url: databaseUrl, log, applicationName: `${options.applicationName ?? 'winkel'}-listener` });
    closers.push(() => notices.close());

    const extraChecks: HealthCheck[] = [];
    const redis = config.redisUrl ? await openRedis(config.redisUrl, log) : null;
    if (redis) {
      closers.push(() => redis.close());
      extraChecks.push(redisCheck(redis));
    }
    const shared = createSharedState({ rateLimits: config.rateLimits, redis, log, keyPrefix: config.redisKeyPrefix });
    closers.push(() => shared.close());
    const { cache, pubsub, rateLimiter } = shared;

    const mail = createMailer(config, log);
    closers.push(() => mail.close());

    return { config, log, databaseUrl, database, embedded, redis, cache, pubsub, rateLimiter, extraChecks, mail, notices, close };
  } catch (err) {
    await close();
    throw err;
  }
}
