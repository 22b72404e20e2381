import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { freePort } from './free-port.ts';

export interface TestDbInfo {
  /** URL of a maintenance database on the test server, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** The migrated template every test file clones. */
  template: string;
  /** Prefix of every database this run creates, so teardown can find them all. */
  prefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: TestDbInfo;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function dropRunDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL for the whole run: the one DATABASE_URL names, or an embedded
 * one in a temporary folder. Migrations run once into a template database;
 * each test file then clones its own database from it (see test/db.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'winkel-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'postgres' });
    serverUrl = embedded.adminUrl;
  }
  const adminUrl = withDatabase(serverUrl, 'postgres');
  const prefix = `winkel_test_${process.pid}_`;
  const template = `${prefix}template`;

  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${client.escapeIdentifier(template)}`);
  await client.end();
  await runMigrations(withDatabase(serverUrl, template), createLogger('warn'));

  project.provide('testDb', { adminUrl, template, prefix });

  return async () => {
    await dropRunDatabases(adminUrl, prefix).catch(() => undefined);
    await embedded?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}
