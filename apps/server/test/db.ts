import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** URL of the test server's database `name`. */
export function databaseUrl(name: string): string {
  const u = new URL(inject('testDb').adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('testDb').adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own (cloned from the run's template). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const { template, prefix } = inject('testDb');
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await admin(async (client) => {
    const source = options.migrated === false ? '' : ` template ${client.escapeIdentifier(template)}`;
    // Clones of one template may collide when started at the same instant; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${client.escapeIdentifier(name)}${source}`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: databaseUrl(name),
    name,
    drop: () => admin(async (client) => void (await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`))),
  };
}

/**
 * Runs set-up statements that load thousands of rows through every catalog trigger in one
 * transaction, with room beyond the app's statement limit: on a slow, busy machine they take
 * longer than the 10 s a request may.
 */
export async function bulkLoad(pool: pg.Pool, statements: Array<{ text: string; values?: unknown[] }>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local statement_timeout = '120s'`);
    for (const statement of statements) await client.query(statement.text, statement.values);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
