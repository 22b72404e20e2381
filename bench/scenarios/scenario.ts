/** One request shape, measured against Winkel and against a bare node:http replay of its answer. */
export interface Scenario {
  /** Used with --scenario; kebab-case. */
  name: string;
  description: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status the real server must answer with; default 200. */
  expectStatus?: number;
  /**
   * Runs once against the real server before measuring (create a store, products, a key…).
   * May return headers to add to every measured request (an API key, a session).
   */
  setup?: (baseUrl: string) => Promise<Record<string, string> | void>;
}
