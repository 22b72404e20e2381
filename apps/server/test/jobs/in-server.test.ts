import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server.ts';
import { captureLogger, testConfig } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('the job worker inside the server', () => {
  it('starts with the server and stops after HTTP closes and before the pools do', async () => {
    const { log, logs } = captureLogger();
    const server = await createServer(testConfig({ PORT: '0' }, db.url), log);
    expect(logs.some((l) => l.msg === 'job worker started')).toBe(true);
    await server.shutdown('test');
    const order = logs.map((l) => l.msg).filter((m) => m === 'job worker stopped' || m === 'shut down cleanly');
    expect(order).toEqual(['job worker stopped', 'shut down cleanly']);
    expect(server.runtime.database.pool.totalCount).toBe(0);
  });

  it('is not started when WORKER_IN_SERVER=false', async () => {
    const { log, logs } = captureLogger();
    const server = await createServer(testConfig({ PORT: '0', WORKER_IN_SERVER: 'false' }, db.url), log);
    await server.shutdown('test');
    expect(logs.some((l) => String(l.msg).startsWith('job worker'))).toBe(false);
  });
});
