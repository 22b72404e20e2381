import { describe, expect, it } from 'vitest';
import { statusForCode } from './errors.ts';

describe('statusForCode', () => {
  it.each([
    ['CATALOG_PRODUCT_NOT_FOUND', 404],
    ['CATALOG_SKU_TAKEN', 409],
    ['ORDER_ILLEGAL_TRANSITION', 409],
    ['IDEMPOTENCY_IN_PROGRESS', 409],
    ['ACCESS_FORBIDDEN', 403],
    ['ACCESS_IP_DENIED', 403],
    ['AUTH_UNAUTHENTICATED', 401],
    ['AUTH_INVALID_CREDENTIALS', 401],
    ['AUTH_MFA_INVALID', 401],
    ['AUTH_REFRESH_INVALID', 401],
    ['AUTH_LOCKED', 429],
    ['AUTH_IP_BLOCKED', 429],
    ['MAINTENANCE', 503],
    ['INVENTORY_INSUFFICIENT', 422],
  ])('%s → %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });
});
