import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

export interface PoolSettings {
  url: string;
  max: number;
  /** Connections of the separate store-read pool (see tenant-reader.ts). */
  readPoolMax?: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  slowQueryMs: number;
  applicationName?: string;
  /** Longest wait for a free connection before the caller gets an error (default 5 s: the request then answers 503). */
  connectWaitMs?: number;
  /**
   * pg's pipeline mode: a query is sent at once, without waiting for the answer to the one before.
   * inTransaction uses it to send `begin` with the transaction's first statement (see there).
   */
  pipeline?: boolean;
}

type QueryConfigLike = string | { text?: string; name?: string };

function queryText(config: QueryConfigLike): string {
  const text = typeof config === 'string' ? config : (config.text ?? config.name ?? '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

const SEALED = Symbol('sealed');
type Sealable = { [SEALED]?: boolean };

/** From now until unsealClient, the client refuses statements: its transaction's commit is on its way (see commitWith). */
export function sealClient(client: pg.ClientBase): void {
  (client as Sealable)[SEALED] = true;
}

export function unsealClient(client: pg.ClientBase): void {
  delete (client as Sealable)[SEALED];
}

/**
 * A pg Client that times every promise-returning query and logs the slow ones
 * with their SQL text and duration, never their parameter values.
 */
function timedClientClass(log: Logger, slowQueryMs: number): typeof pg.Client {
  return class TimedClient extends pg.Client {
    // pg's query() has many overloads; we time only the promise form and pass the rest through.
    override query(...args: unknown[]): never {
      if ((this as Sealable)[SEALED]) throw new Error('a statement was sent after its transaction\'s commit; it would have run outside the transaction');
      const started = performance.now();
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function' && typeof args[args.length - 1] !== 'function') {
        const done = () => {
          const ms = performance.now() - started;
          if (ms >= slowQueryMs) log.warn({ durationMs: Math.round(ms), sql: queryText(args[0] as QueryConfigLike) }, 'slow query');
        };
        (result as Promise<unknown>).then(done, done);
      }
      return result as never;
    }
  };
}

export function createPool(settings: PoolSettings, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.max,
    statement_timeout: settings.statementTimeoutMs || undefined,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs || undefined,
    application_name: settings.applicationName ?? 'winkel',
    connectionTimeoutMillis: settings.connectWaitMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    pipeline: settings.pipeline ?? false,
    Client: timedClientClass(log, settings.slowQueryMs),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (err) => log.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'idle database connection lost'));
  // A checked-out client whose connection drops emits 'error' on itself; unhandled, that would crash the process.
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: { message: err.message } }, 'database connection lost'));
  });
  return pool;
}
