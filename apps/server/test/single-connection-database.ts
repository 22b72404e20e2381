import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Database } from '../src/platform/db/database.ts';
import { captureLogger } from './app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

/**
 * For a test file: a migrated database of its own, made before its tests and dropped after them,
 * reached through the application's Database with one connection. Every transaction reuses the
 * connection of the one before it, so what a connection keeps (prepared statements, settings)
 * can be checked.
 */
export function useSingleConnectionDatabase(): { readonly database: Database } {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase({ url: testDb.url, max: 1, statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 5000, slowQueryMs: 1000 }, captureLogger().log);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error('the database is made in beforeAll: use it inside a test');
      return database;
    },
  };
}
