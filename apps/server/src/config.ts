import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';

/** The repository root: `.data/` and `.env` live here whatever the working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const DEV_SECRET = 'dev-only-secret-change-me-in-production-0000';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** An empty value means "use the default", not 0. */
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const rateTier = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^\d+\/\d+$/.test(v), 'must be POINTS/SECONDS, e.g. 100/60')
    .transform((v) => {
      const [points, seconds] = v.split('/').map(Number) as [number, number];
      return { points, durationSeconds: seconds };
    });

const urlText = (fallback?: string) =>
  (fallback === undefined ? z.string() : z.string().default(fallback)).refine((v) => {
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be an absolute URL');

/** The sender outside production when MAIL_FROM is unset. */
const DEV_MAIL_FROM = 'Winkel <no-reply@localhost>';
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function isSmtpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '' && (u.pathname === '' || u.pathname === '/') && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

/** Each variable, its default, and how it is checked. `.env.example` documents the same list. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  PUBLIC_URL: urlText().optional(),
  ALLOW_HTTP_PUBLIC_URL: bool(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  APP_SECRET: z.string().default(DEV_SECRET),

  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://'),
  DATA_DIR: z.string().default(path.join(projectRoot, '.data')),
  EMBEDDED_PG_PORT: int(54329, 1024, 65535).refine((p) => p !== 5432, 'must not be 5432, which a system PostgreSQL may use'),
  DB_POOL_MAX: int(10, 1, 1000),
  DB_READ_POOL_MAX: int(4, 1, 1000),
  DB_STATEMENT_TIMEOUT_MS: int(15_000, 0),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(10_000, 0),
  DB_SLOW_QUERY_MS: int(250, 0),
  MIGRATE_ON_START: bool(true),

  REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore').default('winkel'),

  TRUST_PROXY: z.string().default('false'),
  FORCE_HTTPS: bool(false),
  CORS_ORIGINS: list,
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  METRICS_TOKEN: optionalText,

  SHUTDOWN_TIMEOUT_MS: int(15_000, 1_000),
  SHUTDOWN_DRAIN_MS: int(0, 0),
  MAINTENANCE_MODE: bool(false),
  MAINTENANCE_RETRY_AFTER_SECONDS: int(300, 1),
  MAINTENANCE_POLL_MS: int(2_000, 100),
  HEALTH_MIN_FREE_DISK_MB: int(256, 0),

  RATE_LIMIT_AUTH: rateTier('10/60'),
  RATE_LIMIT_WRITE: rateTier('120/60'),
  RATE_LIMIT_PUBLIC: rateTier('300/60'),
  RATE_LIMIT_GENERAL: rateTier('1200/60'),

  WORKER_IN_SERVER: bool(true),
  WORKER_CONCURRENCY: int(4, 1, 100),
  WORKER_POLL_MS: int(2_000, 100),
  JOB_MAX_ATTEMPTS: int(10, 1, 100),

  // Idempotency-Key: how long keys and their answers are kept (at least a day), and how long a running request holds its key.
  IDEMPOTENCY_RETENTION_HOURS: int(24, 24, 720),
  IDEMPOTENCY_LEASE_SECONDS: int(60, 5, 3_600),

  // Storefront carts: days a cart lives after its last change, the largest quantity of one line, and lines per cart.
  CART_TTL_DAYS: int(30, 1, 365),
  CART_MAX_LINE_QUANTITY: int(99, 1, 100_000),
  CART_MAX_LINES: int(100, 1, 500),

  SMTP_URL: optionalText.refine((v) => v === undefined || isSmtpUrl(v), 'must be smtp://[user:password@]host[:port] or smtps://…, without a path or query (URL-encode special characters in the password)'),
  MAIL_FROM: optionalText.refine((v) => v === undefined || MAIL_FROM_PATTERN.test(v), 'must be an address, optionally with a name: Name <address@example.com>'),

  // Staff and customer sign-in: argon2id cost (OWASP: 19 MiB, 2 passes, 1 lane) and the per-IP auto-block.
  PASSWORD_HASH_MEMORY_KIB: int(19_456, 8_192, 4_194_304),
  PASSWORD_HASH_ITERATIONS: int(2, 1, 100),
  LOGIN_IP_MAX_FAILURES: int(20, 1, 100_000),
  LOGIN_IP_BLOCK_MINUTES: int(15, 1, 43_200),

  // Storefront response cache: entry lifetime (0: no server-side cache) and its memory budget per process.
  STOREFRONT_CACHE_TTL_SECONDS: int(300, 0, 86_400),
  STOREFRONT_CACHE_MAX_MB: int(64, 1, 4_096),

  // The platform operator's API (/api/v1/platform): unset, it does not exist (404).
  PLATFORM_ADMIN_TOKEN: optionalText,

  // Uploaded media (product images): a folder on disk, or an S3-compatible bucket.
  STORAGE_DRIVER: z.enum(['disk', 's3'], { message: 'must be disk or s3' }).default('disk'),
  STORAGE_DISK_PATH: optionalText,
  S3_ENDPOINT: optionalText.refine((v) => v === undefined || /^https?:\/\/[^/\s]+\/?$/.test(v), 'must be http(s)://host[:port], without a path'),
  S3_REGION: optionalText,
  S3_BUCKET: optionalText.refine((v) => v === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v), 'must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens'),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: bool(false),
  MEDIA_PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), 'must be an absolute http(s) URL'),
  UPLOAD_MAX_BYTES: int(10_485_760, 1024, 104_857_600),
});

type Env = z.infer<typeof envSchema>;

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

export type RateLimitTier = 'auth' | 'write' | 'public' | 'general';

export interface ConfigProblem {
  variable: string;
  message: string;
  example: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.variable}: ${p.message} (example: ${p.variable}=${p.example})`;
}

const EXAMPLES: Record<string, string> = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  PORT: '3000',
  PUBLIC_URL: 'https://shop.example.com',
  LOG_LEVEL: 'info',
  APP_SECRET: '<64 random hex characters: openssl rand -hex 32>',
  DATABASE_URL: 'postgres://winkel:secret@db.internal:5432/winkel',
  EMBEDDED_PG_PORT: '54329',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TRUST_PROXY: '1',
  CORS_ORIGINS: 'https://shop.example.com,https://admin.example.com',
  METRICS_TOKEN: '<32+ random characters>',
  SMTP_URL: 'smtps://user:password@smtp.example.com:465',
  MAIL_FROM: 'Example Shop <shop@example.com>',
  PASSWORD_HASH_MEMORY_KIB: '19456',
  PASSWORD_HASH_ITERATIONS: '2',
  LOGIN_IP_MAX_FAILURES: '20',
  LOGIN_IP_BLOCK_MINUTES: '15',
  PLATFORM_ADMIN_TOKEN: '<32+ random characters: openssl rand -hex 32>',
  STORAGE_DRIVER: 's3',
  STORAGE_DISK_PATH: '/var/lib/winkel/media',
  S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com',
  S3_REGION: 'eu-central-1',
  S3_BUCKET: 'winkel-media',
  S3_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  S3_SECRET_ACCESS_KEY: '<the secret of that access key>',
  MEDIA_PUBLIC_URL: 'https://cdn.example.com/media',
  UPLOAD_MAX_BYTES: '10485760',
  IDEMPOTENCY_RETENTION_HOURS: '48',
  IDEMPOTENCY_LEASE_SECONDS: '60',
  CART_TTL_DAYS: '30',
  CART_MAX_LINE_QUANTITY: '99',
  CART_MAX_LINES: '100',
};

function exampleFor(variable: string): string {
  if (EXAMPLES[variable]) return EXAMPLES[variable];
  if (variable.startsWith('RATE_LIMIT_')) return '100/60';
  if (/_MS$|_BYTES$|_MB$|_SECONDS$|_MAX$|_PORT$|CONCURRENCY|ATTEMPTS/.test(variable)) return '1000';
  return 'true';
}

function parseTrustProxy(raw: string): TrustProxy | ConfigProblem {
  const v = raw.trim();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.every((p) => /^[0-9a-fA-F.:/]+$/.test(p) || p === 'loopback' || p === 'uniquelocal' || p === 'linklocal')) return parts;
  return { variable: 'TRUST_PROXY', message: 'must be true, false, a hop count, or a list of proxy addresses/CIDRs', example: '127.0.0.1,10.0.0.0/8' };
}

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
  });
}

/** With STORAGE_DRIVER=s3, the bucket and its region are required, and the access key comes as a pair or not at all. */
function storageProblems(env: Env): ConfigProblem[] {
  if (env.STORAGE_DRIVER !== 's3') return [];
  const problems: ConfigProblem[] = [];
  for (const variable of ['S3_BUCKET', 'S3_REGION'] as const) {
    if (!env[variable]) problems.push({ variable, message: 'must be set when STORAGE_DRIVER=s3', example: exampleFor(variable) });
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    const variable = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    problems.push({ variable, message: 'must be set together with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (leave both unset to use the instance role or AWS_* variables)', example: exampleFor(variable) });
  }
  return problems;
}

function productionProblems(env: Env, publicUrl: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const secrets: Array<[string, string | undefined, boolean]> = [
    ['APP_SECRET', env.APP_SECRET, true],
    ['METRICS_TOKEN', env.METRICS_TOKEN, false],
    ['PLATFORM_ADMIN_TOKEN', env.PLATFORM_ADMIN_TOKEN, false],
  ];
  for (const [variable, value, required] of secrets) {
    if (value === undefined || value === '') {
      if (required) problems.push({ variable, message: 'must be set in production', example: exampleFor(variable) });
    } else if (value === DEV_SECRET) {
      problems.push({ variable, message: 'still has the development default; set a random value in production', example: exampleFor(variable) });
    } else if (Buffer.byteLength(value) < 32) {
      problems.push({ variable, message: 'is shorter than 32 bytes', example: exampleFor(variable) });
    }
  }
  if (publicUrl.startsWith('http://') && !env.ALLOW_HTTP_PUBLIC_URL) {
    problems.push({ variable: 'PUBLIC_URL', message: `is ${env.PUBLIC_URL ? 'plain HTTP' : 'not set (defaults to plain HTTP)'} in production; use https:// or set ALLOW_HTTP_PUBLIC_URL=true`, example: exampleFor('PUBLIC_URL') });
  }
  if (!env.SMTP_URL) problems.push({ variable: 'SMTP_URL', message: 'must be set in production (without it mail is only written to the log)', example: exampleFor('SMTP_URL') });
  if (!env.MAIL_FROM) problems.push({ variable: 'MAIL_FROM', message: 'must be set in production', example: exampleFor('MAIL_FROM') });
  return problems;
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
