import { access, statfs } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { migrationStatus } from '../db/migrate.ts';

export type CheckStatus = 'ok' | 'fail' | 'degraded';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  latencyMs: number;
  detail?: string;
}

/**
 * One thing readiness depends on. A critical check that fails makes the
 * instance not ready (503); a non-critical one only reports 'degraded'.
 */
export interface HealthCheck {
  name: string;
  critical: boolean;
  run(): Promise<string | void>;
}

export const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function runCheck(check: HealthCheck): Promise<CheckResult> {
  const started = performance.now();
  try {
    const detail = await withTimeout(check.run(), CHECK_TIMEOUT_MS);
    return { name: check.name, status: 'ok', latencyMs: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (err) {
    return {
      name: check.name,
      status: check.critical ? 'fail' : 'degraded',
      latencyMs: Math.round(performance.now() - started),
      detail: err instanceof Error ? err.message : String(err),
    };
  }
}

export function databaseCheck(pool: pg.Pool): HealthCheck {
  return {
    name: 'database',
    critical: true,
    run: async () => {
      await pool.query('select 1');
    },
  };
}

export function migrationsCheck(pool: pg.Pool): HealthCheck {
  return {
    name: 'migrations',
    critical: true,
    run: async () => {
      const status = await migrationStatus(pool);
      if (!status.current) throw new Error(`${status.expected - status.applied} migration(s) not applied; run winkel migrate`);
      return `${status.applied} applied`;
    },
  };
}

export function diskCheck(dir: string, minFreeMb: number): HealthCheck {
  return {
    name: 'disk',
    critical: true,
    run: async () => {
      const fs = await statfs(await nearestExisting(dir));
      const freeMb = Math.floor((fs.bavail * fs.bsize) / 1_048_576);
      if (freeMb < minFreeMb) throw new Error(`${freeMb} MB free, below the ${minFreeMb} MB threshold`);
      return `${freeMb} MB free`;
    },
  };
}

/** The data folder may not exist yet (DATABASE_URL set, nothing stored locally): measure the disk it will be on. */
async function nearestExisting(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await access(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}
