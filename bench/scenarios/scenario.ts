import type { DemoAccess } from '../lib/demo-store.ts';

/** What a scenario's setup can reach: the server it will be measured against, and the demo store. */
export interface BenchContext {
  baseUrl: string;
  /** The demo store's owner and keys (signed in once per run, on first use). */
  demo(): Promise<DemoAccess>;
  /** A progress line on stderr. */
  say(line: string): void;
  /**
   * Brings the database's planner statistics up to date (ANALYZE), as autovacuum does in a live
   * shop within about a minute of many new rows. Flows run it between preparing and measuring.
   */
  analyze(): Promise<void>;
}

/** What setup decides: headers to send (a key), and the path or body when they depend on the data (a slug, a variant id). */
export interface Prepared {
  headers?: Record<string, string>;
  path?: string;
  body?: string;
}

/** How many requests of a scenario answered 2xx against Winkel, warm-ups and the captured one included. */
export interface Answered {
  succeeded: number;
  /**
   * Requests still in flight when a load run stopped (at most one per connection per run):
   * the server may have completed them, but the load generator never counted their answers.
   */
  uncounted: number;
}

/** One request shape, measured against Winkel and against a bare node:http replay of its answer. */
export interface Scenario {
  /** Used with --scenario; kebab-case. */
  name: string;
  description: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, unless setup returns one. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status the real server must answer with; default 200. */
  expectStatus?: number;
  /**
   * Measured against a second Winkel over the same database, started with
   * these variables (e.g. STOREFRONT_CACHE_TTL_SECONDS=0 for an uncached run).
   */
  serverEnv?: Record<string, string>;
  /**
   * Runs once against the real server before measuring (find a slug, make a key, add stock…).
   * May return headers to add to every measured request, and the path or body to use.
   */
  setup?: (ctx: BenchContext) => Promise<Prepared | void>;
  /**
   * Runs after the scenario's last run: returns a line for the report, or throws when the
   * server's state disagrees with what it answered.
   */
  verify?: (ctx: BenchContext, prepared: Prepared, answered: Answered) => Promise<string>;
}
