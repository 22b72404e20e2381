/** What can be wrong with a configuration: each problem names its variable and an example fix; the cross-variable and production rules. */
import { DEV_SECRET, type Env } from './config.env.ts';
import type { TrustProxy } from './config.ts';

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
  STRIPE_API_URL: 'https://api.stripe.com',
  MOLLIE_API_URL: 'https://api.mollie.com',
  IDEMPOTENCY_RETENTION_HOURS: '48',
  IDEMPOTENCY_LEASE_SECONDS: '60',
  CART_TTL_DAYS: '30',
  CART_MAX_LINE_QUANTITY: '99',
  CART_MAX_LINES: '100',
};

export function exampleFor(variable: string): string {
  if (EXAMPLES[variable]) return EXAMPLES[variable];
  if (variable.startsWith('RATE_LIMIT_')) return '100/60';
  if (/_MS$|_BYTES$|_MB$|_SECONDS$|_MAX$|_PORT$|CONCURRENCY|ATTEMPTS/.test(variable)) return '1000';
  return 'true';
}

export function parseTrustProxy(raw: string): TrustProxy | ConfigProblem {
  const v = raw.trim();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.every((p) => /^[0-9a-fA-F.:/]+$/.test(p) || p === 'loopback' || p === 'uniquelocal' || p === 'linklocal')) return parts;
  return { variable: 'TRUST_PROXY', message: 'must be true, false, a hop count, or a list of proxy addresses/CIDRs', example: '127.0.0.1,10.0.0.0/8' };
}

/** With STORAGE_DRIVER=s3, the bucket and its region are required, and the access key comes as a pair or not at all. */
export function storageProblems(env: Env): ConfigProblem[] {
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

export function productionProblems(env: Env, publicUrl: string): ConfigProblem[] {
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
