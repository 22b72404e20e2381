import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, permissionsOf } from './permissions.ts';

describe('permission map', () => {
  it('names only known permissions, each once per role', () => {
    for (const role of ROLES) {
      const list = ROLE_PERMISSIONS[role];
      expect(new Set(list).size, role).toBe(list.length);
      for (const p of list) expect(PERMISSIONS, `${role}: ${p}`).toContain(p);
    }
  });

  it('gives the owner everything and every other role strictly less', () => {
    expect(permissionsOf('owner').size).toBe(PERMISSIONS.length);
    for (const role of ROLES.filter((r) => r !== 'owner')) expect(permissionsOf(role).size, role).toBeLessThan(PERMISSIONS.length);
  });

  it.each([
    ['admin', 'staff:manage', true],
    ['admin', 'store:manage', false],
    ['manager', 'staff:manage', false],
    ['inventory_manager', 'inventory:write', true],
    ['inventory_manager', 'orders:write', false],
    ['sales_rep', 'orders:write', true],
    ['sales_rep', 'payments:refund', false],
    ['delivery_agent', 'deliveries:record', true],
    ['delivery_agent', 'orders:read', false],
    ['cashier', 'pos:sell', true],
    ['cashier', 'catalog:write', false],
    ['accountant', 'finance:read', true],
    ['accountant', 'orders:write', false],
    ['accountant', 'audit:read', true],
    ['accountant', 'finance:reconcile', true],
    ['manager', 'finance:reconcile', false],
    ['viewer', 'catalog:read', true],
    ['viewer', 'catalog:write', false],
    ['viewer', 'finance:read', false],
  ] as const)('%s may %s: %s', (role, permission, allowed) => {
    expect(permissionsOf(role).has(permission)).toBe(allowed);
  });

  it('keeps the read-only roles read-only', () => {
    for (const role of ['accountant', 'viewer'] as const) {
      // Exporting orders and closing a cash day are the accountant's only writes.
      const writes = ROLE_PERMISSIONS[role].filter((p) => !p.endsWith(':read') && p !== 'orders:export' && p !== 'finance:reconcile');
      expect(writes, role).toEqual([]);
    }
  });
});
