import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskedConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

const STRONG = 'k'.repeat(40);

describe('loadConfig', () => {
  it('has safe development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000' });
    expect(config.database.url).toBeUndefined();
    expect(config.database.embeddedPort).not.toBe(5432);
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.http.trustProxy).toBe(false);
    expect(Object.isFrozen(config.database)).toBe(true);
  });

  it('names each bad variable on its own line with the reason and an example', () => {
    const lines = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', RATE_LIMIT_AUTH: '10 per minute' });
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith('PORT:'))).toMatch(/whole number.*example: PORT=/);
    expect(lines.find((l) => l.startsWith('LOG_LEVEL:'))).toMatch(/one of/);
    expect(lines.find((l) => l.startsWith('DATABASE_URL:'))).toMatch(/postgres:\/\//);
    expect(lines.find((l) => l.startsWith('RATE_LIMIT_AUTH:'))).toMatch(/POINTS\/SECONDS.*example: RATE_LIMIT_AUTH=100\/60/);
    expect(lines.join('\n')).not.toMatch(/\bat \w+ \(/); // no stack frames
  });

  it("sends Mollie's calls to api.mollie.com unless told otherwise, and takes only a base without a path", () => {
    expect(loadConfig({}).payments.mollieApiUrl).toBe('https://api.mollie.com');
    expect(loadConfig({ MOLLIE_API_URL: 'http://127.0.0.1:4010/' }).payments.mollieApiUrl).toBe('http://127.0.0.1:4010');
    expect(problemsOf({ MOLLIE_API_URL: 'https://api.mollie.com/v2' })[0]).toMatch(/^MOLLIE_API_URL: must be http\(s\):\/\/host\[:port\], without a path.*example: MOLLIE_API_URL=https:\/\/api\.mollie\.com/);
  });

  it('refuses 5432 for the embedded PostgreSQL', () => {
    expect(problemsOf({ EMBEDDED_PG_PORT: '5432' })[0]).toMatch(/^EMBEDDED_PG_PORT: must not be 5432/);
  });

  it('parses rate-limit tiers, CORS origins and trust-proxy forms', () => {
    const config = loadConfig({ RATE_LIMIT_AUTH: '5/900', CORS_ORIGINS: 'https://a.example, http://localhost:5173', TRUST_PROXY: '10.0.0.0/8,127.0.0.1' });
    expect(config.rateLimits.auth).toEqual({ points: 5, durationSeconds: 900 });
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(problemsOf({ CORS_ORIGINS: 'https://a.example/path' })[0]).toMatch(/^CORS_ORIGINS: .* is not an origin/);
    expect(problemsOf({ TRUST_PROXY: 'everyone!' })[0]).toMatch(/^TRUST_PROXY:/);
  });

  describe('in production', () => {
    const good = { NODE_ENV: 'production', APP_SECRET: STRONG, PUBLIC_URL: 'https://shop.example.com', SMTP_URL: 'smtps://smtp.example.com', MAIL_FROM: 'shop@example.com' };

    it('boots with strong secrets and an HTTPS public URL', () => {
      expect(loadConfig(good).isProduction).toBe(true);
    });

    it('refuses the default, an empty or a short secret', () => {
      expect(problemsOf({ ...good, APP_SECRET: undefined as unknown as string })[0]).toMatch(/^APP_SECRET: still has the development default/);
      expect(problemsOf({ ...good, APP_SECRET: '' })[0]).toMatch(/^APP_SECRET: must be set/);
      expect(problemsOf({ ...good, APP_SECRET: 'short-secret' })[0]).toMatch(/^APP_SECRET: is shorter than 32 bytes/);
      expect(problemsOf({ ...good, METRICS_TOKEN: 'tiny' })[0]).toMatch(/^METRICS_TOKEN: is shorter than 32 bytes/);
      expect(problemsOf({ ...good, PLATFORM_ADMIN_TOKEN: 'tiny' })[0]).toMatch(/^PLATFORM_ADMIN_TOKEN: is shorter than 32 bytes/);
      expect(loadConfig({ ...good, PLATFORM_ADMIN_TOKEN: STRONG }).platformAdminToken).toBe(STRONG);
      expect(loadConfig({ ...good, PLATFORM_ADMIN_TOKEN: ' ' }).platformAdminToken).toBeUndefined();
    });

    it('refuses a plain-HTTP public URL unless explicitly allowed', () => {
      expect(problemsOf({ ...good, PUBLIC_URL: 'http://shop.example.com' })[0]).toMatch(/^PUBLIC_URL: is plain HTTP/);
      expect(problemsOf({ NODE_ENV: 'production', APP_SECRET: STRONG })[0]).toMatch(/^PUBLIC_URL: is not set/);
      expect(loadConfig({ ...good, PUBLIC_URL: 'http://intranet:3000', ALLOW_HTTP_PUBLIC_URL: 'true' }).publicUrl).toBe('http://intranet:3000');
    });
  });

  it('masks secrets and passwords when printed', () => {
    const printed = JSON.stringify(
      maskedConfig(loadConfig({ APP_SECRET: STRONG, DATABASE_URL: 'postgres://app:hunter2@db:5432/shop', REDIS_URL: 'redis://:redispass@cache:6379', METRICS_TOKEN: 'metrics-token-value', PLATFORM_ADMIN_TOKEN: 'platform-token-value' })),
    );
    expect(printed).not.toContain(STRONG);
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('redispass');
    expect(printed).not.toContain('metrics-token-value');
    expect(printed).not.toContain('platform-token-value');
    expect(printed).toContain('db:5432/shop');
  });
});
