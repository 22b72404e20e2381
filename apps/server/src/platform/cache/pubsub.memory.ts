import type { Logger } from '../logging/logger.ts';
import type { JsonValue } from './cache.ts';
import type { MessageHandler, PubSub } from './pubsub.ts';

/** Fan-out within this process. Handlers run on a later tick with their own copy, as they would through Redis. */
export function createMemoryPubSub(log: Logger): PubSub {
  const channels = new Map<string, Set<MessageHandler>>();
  let closed = false;

  return {
    async publish(channel, message) {
      if (closed) throw new Error('pub/sub is closed');
      const json = JSON.stringify(message);
      for (const handler of channels.get(channel) ?? []) {
        setImmediate(() => {
          Promise.resolve()
            .then(() => handler(JSON.parse(json) as JsonValue))
            .catch((err: unknown) => log.error({ err, channel }, 'pub/sub handler failed'));
        });
      }
    },
    async subscribe(channel, handler) {
      if (closed) throw new Error('pub/sub is closed');
      let handlers = channels.get(channel);
      if (!handlers) channels.set(channel, (handlers = new Set()));
      // Wrap so the same function subscribed twice is two subscriptions.
      const subscription: MessageHandler = (message) => handler(message);
      handlers.add(subscription);
      return async () => {
        handlers.delete(subscription);
        if (handlers.size === 0 && channels.get(channel) === handlers) channels.delete(channel);
      };
    },
    async close() {
      closed = true;
      channels.clear();
    },
  };
}
