import { readFile } from 'node:fs/promises';
import { sleep } from './processes.ts';

/** The demo store's owner, as the first start made them. */
export const DEMO_OWNER = { store: 'demo', email: 'owner@demo.winkel.local' };

/** The demo owner's one-time password, which only the start banner shows (in the server's log file). */
export async function demoPassword(logFile: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const match = /Password\s+(\S+)/.exec(await readFile(logFile, 'utf8'));
    if (match) return match[1]!;
    await sleep(100);
  }
  throw new Error(`no demo password in ${logFile}: the database was not empty`);
}

export async function call(base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

export interface DemoAccess {
  /** The demo store's storefront key (X-Publishable-Key). */
  publishableKey: string;
  /** A staff access token of the owner, for setting up. */
  ownerToken: string;
  /** A new API key (wk_sk_…) of the demo store with these permissions. */
  apiKey(name: string, permissions: string[]): Promise<string>;
}

/** Signs in as the demo owner and finds the storefront key. */
export async function demoAccess(base: string, logFile: string): Promise<DemoAccess> {
  const login = await call(base, 'POST', '/api/v1/admin/auth/login', { ...DEMO_OWNER, password: await demoPassword(logFile) });
  if (login.status !== 200) throw new Error(`demo owner sign-in answered ${login.status}`);
  const ownerToken = (login.json as { accessToken: string }).accessToken;
  const auth = { authorization: `Bearer ${ownerToken}` };
  const keys = await call(base, 'GET', '/api/v1/admin/store/publishable-keys', undefined, auth);
  const publishableKey = (keys.json as { data?: Array<{ token: string; revokedAt: string | null }> } | null)?.data?.find((k) => !k.revokedAt)?.token;
  if (!publishableKey) throw new Error(`the demo store has no publishable key (${keys.status})`);
  return {
    publishableKey,
    ownerToken,
    async apiKey(name, permissions) {
      const made = await call(base, 'POST', '/api/v1/admin/api-keys', { name, permissions }, auth);
      if (made.status !== 201) throw new Error(`making an API key answered ${made.status}: ${JSON.stringify(made.json)}`);
      return (made.json as { key: string }).key;
    },
  };
}
