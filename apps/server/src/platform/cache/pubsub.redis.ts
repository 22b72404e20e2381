import type { Logger } from '../logging/logger.ts';
import { quitRedis, type Redis, type RedisClient } from '../redis/redis.ts';
import type { JsonValue } from './cache.ts';
import type { MessageHandler, PubSub } from './pubsub.ts';

/**
 * Publishes on the command connection and listens on a connection of its own
 * (a subscribed Redis connection can do nothing else), opened on first use.
 * After a reconnect it subscribes again to every channel it has handlers for.
 */
export function createRedisPubSub(redis: Redis, keyPrefix: string, log: Logger): PubSub {
  /** Handlers by full channel name, and the SUBSCRIBE every later subscriber of the channel waits for. */
  const channels = new Map<string, { handlers: Set<MessageHandler>; active: Promise<void> }>();
  const fullName = (channel: string) => `${keyPrefix}:channel:${channel}`;
  let subscriber: RedisClient | undefined;
  let closed = false;

  const deliver = (name: string, raw: string) => {
    let message: JsonValue;
    try {
      message = JSON.parse(raw) as JsonValue;
    } catch (err) {
      log.warn({ err, channel: name }, 'pub/sub message is not JSON; dropped');
      return;
    }
    for (const handler of channels.get(name)?.handlers ?? []) {
      Promise.resolve()
        .then(() => handler(message))
        .catch((err: unknown) => log.error({ err, channel: name }, 'pub/sub handler failed'));
    }
  };

  const listener = (): RedisClient => {
    if (subscriber) return subscriber;
    // Queue SUBSCRIBE while connecting rather than failing it; we resubscribe ourselves on every ready.
    const conn = redis.duplicate('subscriber', { enableOfflineQueue: true, autoResubscribe: false });
    conn.on('message', deliver);
    conn.on('ready', () => {
      if (channels.size === 0) return;
      conn.subscribe(...channels.keys()).catch((err: unknown) => log.warn({ err }, 'could not resubscribe to pub/sub channels'));
    });
    return (subscriber = conn);
  };

  const send = async (command: 'subscribe' | 'unsubscribe', name: string) => {
    try {
      await listener()[command](name);
    } catch (err) {
      // Redis is away; the ready handler subscribes again when it returns.
      log.warn({ err, channel: name }, `pub/sub ${command} failed`);
    }
  };

  return {
    async publish(channel, message) {
      if (closed) throw new Error('pub/sub is closed');
      await redis.client.publish(fullName(channel), JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      if (closed) throw new Error('pub/sub is closed');
      const name = fullName(channel);
      let entry = channels.get(name);
      if (!entry) channels.set(name, (entry = { handlers: new Set(), active: send('subscribe', name) }));
      const { handlers } = entry;
      // Wrap so the same function subscribed twice is two subscriptions.
      const subscription: MessageHandler = (message) => handler(message);
      handlers.add(subscription);
      await entry.active;
      return async () => {
        handlers.delete(subscription);
        if (handlers.size > 0 || channels.get(name)?.handlers !== handlers) return;
        channels.delete(name);
        if (!closed) await send('unsubscribe', name);
      };
    },
    async close() {
      closed = true;
      channels.clear();
      if (subscriber) await quitRedis(subscriber);
    },
  };
}
