/** The environment variables Winkel reads: names, types, defaults and ranges, as one Zod schema. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: `.data/` and `.env` live here whatever the working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const DEV_SECRET = 'dev-only-secret-change-me-in-production-0000';

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
export const DEV_MAIL_FROM = 'Winkel <no-reply@localhost>';
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
export const envSchema = z.object({
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
  // Orders posted through public checkout forms, per client IP.
  RATE_LIMIT_FORM: rateTier('20/600'),

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

  // Online payments: Stripe's API base (a local fake in tests). Each store's keys are set through the admin API.
  STRIPE_API_URL: z
    .string()
    .default('https://api.stripe.com')
    .refine((v) => /^https?:\/\/[^/\s?#]+\/?$/.test(v), 'must be http(s)://host[:port], without a path'),
  // Mollie's API base, without the /v2 that Winkel adds itself (a local fake in tests).
  MOLLIE_API_URL: z
    .string()
    .default('https://api.mollie.com')
    .refine((v) => /^https?:\/\/[^/\s?#]+\/?$/.test(v), 'must be http(s)://host[:port], without a path (Winkel adds /v2 itself)'),
});

export type Env = z.infer<typeof envSchema>;
