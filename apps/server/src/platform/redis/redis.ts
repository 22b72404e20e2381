import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import type { HealthCheck } from '../health/checks.ts';
import { lazyModule } from '../lazy-module.ts';
import type { Logger } from '../logging/logger.ts';

export type { RedisClient };

/** Only processes with REDIS_URL need ioredis. */
const ioredis = lazyModule<typeof import('ioredis')>(import.meta.url, 'ioredis');

/** One Redis connection for commands, and the means to open more (subscribers need their own). */
export interface Redis {
  client: RedisClient;
  isReady(): boolean;
  ping(): Promise<void>;
  /** A new connection with the same settings (plus overrides) and the same loss/recovery logging; close it with quitRedis. */
  duplicate(role: string, overrides?: Partial<RedisOptions>): RedisClient;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 3_000;

/**
 * Commands fail at once while Redis is away (no offline queue, one retry, a
 * command timeout), so callers fall back instead of piling up; the connection
 * itself keeps reconnecting with backoff for as long as the process runs.
 */
const OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: CONNECT_TIMEOUT_MS,
  commandTimeout: COMMAND_TIMEOUT_MS,
  retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt - 1, 10), MAX_RECONNECT_DELAY_MS),
};

/** host:port/db without credentials, for log lines. */
export function describeRedisUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/** Connections we are closing on purpose: their 'close' is not an outage. */
const closing = new WeakSet<RedisClient>();

/** Logs the first failure of a connection and its recovery, not every reconnect attempt. */
function watchConnection(client: RedisClient, role: string, target: string, log: Logger): void {
  let up: boolean | undefined;
  const lost = (reason: string) => {
    if (up === false) return;
    const first = up === undefined;
    up = false;
    log.warn({ redis: target, role, reason }, first ? 'redis unavailable; retrying in the background' : 'redis connection lost; retrying in the background');
  };
  client.on('ready', () => {
    if (up === false) log.info({ redis: target, role }, 'redis connection restored');
    else log.info({ redis: target, role }, 'redis connected');
    up = true;
  });
  client.on('error', (err: Error) => lost(err.message));
  client.on('close', () => {
    if (!closing.has(client)) lost('connection closed');
  });
}

export function createRedis(url: string, log: Logger): Redis {
  const target = describeRedisUrl(url);
  const client = new (ioredis().Redis)(url, OPTIONS);
  watchConnection(client, 'commands', target, log);
  const extra = new Set<RedisClient>();
  let closed: Promise<void> | undefined;

  return {
    client,
    isReady: () => client.status === 'ready',
    ping: async () => {
      await client.ping();
    },
    duplicate: (role, overrides) => {
      const copy = client.duplicate(overrides);
      watchConnection(copy, role, target, log);
      extra.add(copy);
      copy.once('end', () => extra.delete(copy));
      return copy;
    },
    close: () =>
      (closed ??= (async () => {
        for (const c of [...extra, client]) await quitRedis(c);
      })()),
  };
}

/** Closes one connection for good: politely when it is up, by dropping the socket otherwise. */
export async function quitRedis(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  closing.add(client);
  const ended = new Promise((resolve) => client.once('end', resolve));
  if (client.status === 'ready') {
    // QUIT answers before the socket closes; 'end' is when it is really gone.
    const quit = await client.quit().then(
      () => true,
      () => false,
    );
    if (!quit) client.disconnect();
  } else {
    client.disconnect();
    // Between reconnect attempts there is no socket to close: cancelling the retry is all it takes, and no 'end' follows.
    if (client.status === 'reconnecting') return;
  }
  await ended;
}

/** Opens Redis and waits briefly for it, so the first requests already count in Redis. Never fails: an absent Redis only degrades. */
export async function openRedis(url: string, log: Logger, waitMs = CONNECT_TIMEOUT_MS): Promise<Redis> {
  const redis = createRedis(url, log);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, waitMs);
    redis.client.once('ready', done);
    function done() {
      clearTimeout(timer);
      redis.client.off('ready', done);
      resolve();
    }
  });
  return redis;
}

/** Not critical: without Redis, limits and cache fall back to this process and the server keeps serving. */
export function redisCheck(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    critical: false,
    run: async () => {
      if (!redis.isReady()) throw new Error('not connected; rate limits and cache are per instance until it returns');
      await redis.ping();
    },
  };
}
