import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/platform/cache/cache.ts';
import type { PubSub } from '../../src/platform/cache/pubsub.ts';
import { createMemoryPubSub } from '../../src/platform/cache/pubsub.memory.ts';
import { createRedisPubSub } from '../../src/platform/cache/pubsub.redis.ts';
import { openRedis, type Redis } from '../../src/platform/redis/redis.ts';
import { captureLogger } from '../app.ts';

const redisUrl = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects what a channel delivers. */
async function listen(pubsub: PubSub, channel: string) {
  const received: JsonValue[] = [];
  const unsubscribe = await pubsub.subscribe(channel, (m) => void received.push(m));
  const waitFor = async (count: number) => {
    for (let i = 0; i < 100 && received.length < count; i++) await sleep(20);
    return received;
  };
  return { received, unsubscribe, waitFor };
}

function pubsubContract(make: () => PubSub, logs: () => Array<Record<string, unknown>>) {
  let pubsub: PubSub;
  beforeAll(() => {
    pubsub = make();
  });
  afterAll(() => pubsub?.close());

  it('delivers a message to every subscriber of its channel, and to no other channel', async () => {
    const one = await listen(pubsub, 'catalog.changed');
    const two = await listen(pubsub, 'catalog.changed');
    const elsewhere = await listen(pubsub, 'orders.changed');
    await pubsub.publish('catalog.changed', { tenantId: 't1', productIds: ['p1', 'p2'] });
    expect(await one.waitFor(1)).toEqual([{ tenantId: 't1', productIds: ['p1', 'p2'] }]);
    expect(await two.waitFor(1)).toEqual([{ tenantId: 't1', productIds: ['p1', 'p2'] }]);
    await sleep(100);
    expect(elsewhere.received).toEqual([]);
    await Promise.all([one.unsubscribe(), two.unsubscribe(), elsewhere.unsubscribe()]);
  });

  it('stops delivering after unsubscribe, while other subscribers keep receiving', async () => {
    const leaving = await listen(pubsub, 'c');
    const staying = await listen(pubsub, 'c');
    await leaving.unsubscribe();
    await pubsub.publish('c', 'after');
    expect(await staying.waitFor(1)).toEqual(['after']);
    await sleep(100);
    expect(leaving.received).toEqual([]);
    await staying.unsubscribe();
  });

  it('keeps delivering to others when one handler throws, and logs the failure', async () => {
    await pubsub.subscribe('faulty', () => {
      throw new Error('handler broke');
    });
    const healthy = await listen(pubsub, 'faulty');
    await pubsub.publish('faulty', 1);
    await pubsub.publish('faulty', 2);
    expect(await healthy.waitFor(2)).toEqual([1, 2]);
    expect(logs().filter((l) => l.msg === 'pub/sub handler failed')).toHaveLength(2);
  });
}

describe('memory pub/sub', () => {
  const { log, logs } = captureLogger();
  pubsubContract(() => createMemoryPubSub(log), () => logs);

  it('fans out within its instance only', async () => {
    const a = createMemoryPubSub(log);
    const b = createMemoryPubSub(log);
    const onB = await listen(b, 'x');
    await a.publish('x', 'hello');
    await sleep(50);
    expect(onB.received).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });
});

describe.skipIf(!redisUrl)('redis pub/sub (runs when REDIS_URL is set)', () => {
  const { log, logs } = captureLogger();
  const prefix = `winkel-test:${randomBytes(6).toString('hex')}`;
  let redisA: Redis;
  let redisB: Redis;
  beforeAll(async () => {
    redisA = await openRedis(redisUrl!, log);
    redisB = await openRedis(redisUrl!, log);
  });
  afterAll(async () => {
    await redisA?.close();
    await redisB?.close();
  });

  pubsubContract(() => createRedisPubSub(redisA, prefix, log), () => logs);

  it('carries a message published on one instance to a subscriber on another with the same prefix, not to other prefixes', async () => {
    const a = createRedisPubSub(redisA, `${prefix}:shared`, log);
    const b = createRedisPubSub(redisB, `${prefix}:shared`, log);
    const stranger = createRedisPubSub(redisB, `${prefix}:elsewhere`, log);
    const onB = await listen(b, 'cache.invalidate');
    const onStranger = await listen(stranger, 'cache.invalidate');
    await a.publish('cache.invalidate', { tag: 'catalog:t1' });
    expect(await onB.waitFor(1)).toEqual([{ tag: 'catalog:t1' }]);
    await sleep(100);
    expect(onStranger.received).toEqual([]);
    await Promise.all([a.close(), b.close(), stranger.close()]);
  });

  it('closes its subscriber connection on close', async () => {
    const p = createRedisPubSub(redisB, `${prefix}:closing`, log);
    await p.subscribe('c', () => undefined);
    const before = await redisA.client.pubsub('NUMSUB', `${prefix}:closing:channel:c`);
    await p.close();
    await sleep(50);
    const after = await redisA.client.pubsub('NUMSUB', `${prefix}:closing:channel:c`);
    expect([before[1], after[1]]).toEqual([1, 0]);
    await expect(p.publish('c', 1)).rejects.toThrow(/closed/);
  });
});
