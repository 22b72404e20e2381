import type { TestApp } from '../app.ts';

/** The operator token the platform-admin tests configure (PLATFORM_ADMIN_TOKEN). */
export const PLATFORM_TOKEN = 'platform-operator-token-for-tests-0123456789';

export const operator = (token = PLATFORM_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** The operator API's routes, each with a request that is valid once authenticated. */
export function operatorRequests(storeId: string) {
  return [
    { method: 'POST' as const, url: '/api/v1/platform/stores', payload: storeBody('never-made') },
    { method: 'GET' as const, url: '/api/v1/platform/stores' },
    { method: 'GET' as const, url: `/api/v1/platform/stores/${storeId}` },
    { method: 'PATCH' as const, url: `/api/v1/platform/stores/${storeId}`, payload: { status: 'suspended' } },
  ];
}

export function storeBody(handle: string) {
  return { name: `Shop ${handle}`, handle, defaultCurrency: 'EUR', locale: 'en', timezone: 'Europe/Amsterdam', owner: { email: `owner@${handle}.test`, name: 'Olive Owner' } };
}

export interface CreatedStoreBody {
  storeId: string;
  handle: string;
  publishableKey: string;
  ownerId: string;
  setPasswordLink: string | null;
}

export async function createStoreAsOperator(t: TestApp, handle: string): Promise<CreatedStoreBody> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/platform/stores', headers: operator(), payload: storeBody(handle) });
  if (res.statusCode !== 201) throw new Error(`store create failed: ${res.statusCode} ${res.body}`);
  return res.json() as CreatedStoreBody;
}
