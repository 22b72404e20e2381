import type { JsonValue } from './cache.ts';

export type MessageHandler = (message: JsonValue) => void | Promise<void>;

/**
 * Fire-and-forget fan-out to every subscriber of a channel: across instances
 * through Redis when configured, else within this process. Delivery is at most
 * once: a subscriber that is disconnected when a message is published misses it.
 */
export interface PubSub {
  publish(channel: string, message: JsonValue): Promise<void>;
  /** Resolves once the subscription is active (or, while Redis is away, once it is queued); returns the way to end it. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
