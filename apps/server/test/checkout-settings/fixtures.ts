import type { Role } from '../../src/modules/security/permissions.ts';
import type { TestApp } from '../app.ts';
import { as } from '../security/fixtures.ts';

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A staff request to /api/v1/admin{path} as the store's owner (or the role given). */
export function admin(t: TestApp, storeId: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, role: Role = 'owner') {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: as(role, storeId), ...(payload ? { payload } : {}) });
}

/** POSTs and returns the created resource, failing loudly otherwise. */
export async function created<T = Record<string, unknown>>(t: TestApp, storeId: string, path: string, payload: Record<string, unknown>): Promise<T & { id: string }> {
  const res = await admin(t, storeId, 'POST', path, payload);
  if (res.statusCode !== 201) throw new Error(`POST ${path}: ${res.statusCode} ${res.body}`);
  return res.json() as T & { id: string };
}

/** The field paths a problem names. */
export const paths = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);
