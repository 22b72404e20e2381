import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync, existsSync } from 'node:fs';
import { DEV_MAIL_FROM, envSchema, projectRoot, type Env } from './config.env.ts';
import { ConfigError, exampleFor, parseTrustProxy, productionProblems, storageProblems, type ConfigProblem } from './config.checks.ts';

export { projectRoot } from './config.env.ts';
export { ConfigError, formatProblem, type ConfigProblem } from './config.checks.ts';

export type TrustProxy = boolean | number | string[];

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: Env['LOG_LEVEL'];
  appSecret: string;
  database: {
    url: string | undefined;
    dataDir: string;
    embeddedPort: number;
    poolMax: number;
    readPoolMax: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    slowQueryMs: number;
    migrateOnStart: boolean;
  };
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so deployments can share one Redis. */
  redisKeyPrefix: string;
  http: {
    trustProxy: TrustProxy;
    forceHttps: boolean;
    corsOrigins: string[];
    bodyLimitBytes: number;
    metricsToken: string | undefined;
  };
  lifecycle: {
    shutdownTimeoutMs: number;
    shutdownDrainMs: number;
    maintenanceMode: boolean;
    maintenanceRetryAfterSeconds: number;
    maintenancePollMs: number;
    minFreeDiskMb: number;
  };
  rateLimits: Record<RateLimitTier, { points: number; durationSeconds: number }>;
  worker: { inServer: boolean; concurrency: number; pollMs: number; maxAttempts: number };
  /** Idempotency-Key: keys and answers kept this long; a running request's claim lasts leaseSeconds before a retry may take it over. */
  idempotency: { retentionHours: number; leaseSeconds: number };
  /** Storefront carts: expire ttlDays after their last change; at most maxLines lines of at most maxLineQuantity each. */
  carts: { ttlDays: number; maxLineQuantity: number; maxLines: number };
  /** smtpUrl unset: the development transport, which logs messages instead of sending them (refused in production). */
  mail: { smtpUrl: string | undefined; from: string };
  /** Password hashing cost, and how many failed sign-ins from one IP (in 15 minutes, per store) block it for how long. */
  auth: { passwordHashMemoryKib: number; passwordHashIterations: number; ipMaxFailures: number; ipBlockMinutes: number };
  /** Storefront responses kept in this process: for how long at most (0: not at all), within how many MB. */
  storefront: { cacheTtlSeconds: number; cacheMaxMb: number };
  /** The bearer token of the platform operator's API; undefined: that API is not served. */
  platformAdminToken: string | undefined;
  /** Where uploaded media is kept: diskPath for 'disk', the bucket for 's3'. */
  storage: { driver: 'disk' | 's3'; diskPath: string; s3: S3Settings | undefined };
  /** publicUrl: MEDIA_PUBLIC_URL (a CDN); undefined: this server serves /media itself. */
  media: { publicUrl: string | undefined; uploadMaxBytes: number };
  /** Where provider calls go: stripeApiUrl for the Stripe SDK, mollieApiUrl for Mollie's API without its version (Stripe's and Mollie's own addresses outside tests). */
  payments: { stripeApiUrl: string; mollieApiUrl: string };
}

export interface S3Settings {
  /** undefined: AWS itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Both undefined: the AWS SDK's usual credential sources (environment, instance role). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

export type RateLimitTier = 'auth' | 'write' | 'public' | 'general' | 'form';

/** Reads `.env` from the project root (real environment variables win). */
export function readEnvFile(file = path.join(projectRoot, '.env')): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}

export function loadConfig(source: Record<string, string | undefined> = { ...readEnvFile(), ...process.env }): Config {
  const parsed = envSchema.safeParse(source);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? 'environment');
      problems.push({ variable, message: issue.message, example: exampleFor(variable) });
    }
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) problems.push(trustProxy);

  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) problems.push(...productionProblems(env, publicUrl));
  for (const origin of env.CORS_ORIGINS) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push({ variable: 'CORS_ORIGINS', message: `"${origin}" is not an origin (scheme://host[:port], no path)`, example: exampleFor('CORS_ORIGINS') });
    }
  }
  if (env.SHUTDOWN_DRAIN_MS >= env.SHUTDOWN_TIMEOUT_MS) {
    problems.push({ variable: 'SHUTDOWN_DRAIN_MS', message: `must be shorter than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS})`, example: '5000' });
  }
  problems.push(...storageProblems(env));
  if (problems.length > 0) throw new ConfigError(problems);

  return deepFreeze({
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL,
    appSecret: env.APP_SECRET,
    database: {
      url: env.DATABASE_URL,
      dataDir: path.resolve(env.DATA_DIR),
      embeddedPort: env.EMBEDDED_PG_PORT,
      poolMax: env.DB_POOL_MAX,
      readPoolMax: env.DB_READ_POOL_MAX,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      slowQueryMs: env.DB_SLOW_QUERY_MS,
      migrateOnStart: env.MIGRATE_ON_START,
    },
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    http: {
      trustProxy: trustProxy as TrustProxy,
      forceHttps: env.FORCE_HTTPS,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      metricsToken: env.METRICS_TOKEN,
    },
    lifecycle: {
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
      maintenanceMode: env.MAINTENANCE_MODE,
      maintenanceRetryAfterSeconds: env.MAINTENANCE_RETRY_AFTER_SECONDS,
      maintenancePollMs: env.MAINTENANCE_POLL_MS,
      minFreeDiskMb: env.HEALTH_MIN_FREE_DISK_MB,
    },
    rateLimits: {
      auth: env.RATE_LIMIT_AUTH,
      write: env.RATE_LIMIT_WRITE,
      public: env.RATE_LIMIT_PUBLIC,
      general: env.RATE_LIMIT_GENERAL,
      form: env.RATE_LIMIT_FORM,
    },
    worker: {
      inServer: env.WORKER_IN_SERVER,
      concurrency: env.WORKER_CONCURRENCY,
      pollMs: env.WORKER_POLL_MS,
      maxAttempts: env.JOB_MAX_ATTEMPTS,
    },
    idempotency: { retentionHours: env.IDEMPOTENCY_RETENTION_HOURS, leaseSeconds: env.IDEMPOTENCY_LEASE_SECONDS },
    carts: { ttlDays: env.CART_TTL_DAYS, maxLineQuantity: env.CART_MAX_LINE_QUANTITY, maxLines: env.CART_MAX_LINES },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? DEV_MAIL_FROM },
    auth: {
      passwordHashMemoryKib: env.PASSWORD_HASH_MEMORY_KIB,
      passwordHashIterations: env.PASSWORD_HASH_ITERATIONS,
      ipMaxFailures: env.LOGIN_IP_MAX_FAILURES,
      ipBlockMinutes: env.LOGIN_IP_BLOCK_MINUTES,
    },
    storefront: { cacheTtlSeconds: env.STOREFRONT_CACHE_TTL_SECONDS, cacheMaxMb: env.STOREFRONT_CACHE_MAX_MB },
    platformAdminToken: env.PLATFORM_ADMIN_TOKEN,
    storage: {
      driver: env.STORAGE_DRIVER,
      diskPath: path.resolve(env.STORAGE_DISK_PATH ?? path.join(env.DATA_DIR, 'media')),
      s3:
        env.STORAGE_DRIVER === 's3'
          ? {
              endpoint: env.S3_ENDPOINT?.replace(/\/+$/, ''),
              region: env.S3_REGION!,
              bucket: env.S3_BUCKET!,
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              forcePathStyle: env.S3_FORCE_PATH_STYLE,
            }
          : undefined,
    },
    media: { publicUrl: env.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''), uploadMaxBytes: env.UPLOAD_MAX_BYTES },
    payments: { stripeApiUrl: env.STRIPE_API_URL.replace(/\/+$/, ''), mollieApiUrl: env.MOLLIE_API_URL.replace(/\/+$/, '') },
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A copy of the configuration fit for printing: secrets and credentials masked. */
export function maskedConfig(config: Config): unknown {
  const mask = (v: string | undefined) => (v ? '********' : undefined);
  const maskUrl = (v: string | undefined) => {
    if (!v) return v;
    try {
      const u = new URL(v);
      if (u.password) u.password = '********';
      return u.toString();
    } catch {
      return '********';
    }
  };
  return {
    ...config,
    appSecret: mask(config.appSecret),
    database: { ...config.database, url: maskUrl(config.database.url) },
    redisUrl: maskUrl(config.redisUrl),
    http: { ...config.http, metricsToken: mask(config.http.metricsToken) },
    mail: { ...config.mail, smtpUrl: maskUrl(config.mail.smtpUrl) },
    platformAdminToken: mask(config.platformAdminToken),
    storage: { ...config.storage, s3: config.storage.s3 && { ...config.storage.s3, secretAccessKey: mask(config.storage.s3.secretAccessKey) } },
  };
}
