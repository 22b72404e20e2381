/**
 * Every permission (resource:action) and what each staff role may do. Written
 * once here; routes declare the permission they need, API keys carry a subset
 * of their creator's, and a test walks every admin route with every role.
 */
export const PERMISSIONS = [
  'store:read',
  'store:manage',
  'staff:read',
  'staff:manage',
  'api_keys:manage',
  'ip_rules:manage',
  'audit:read',
  'catalog:read',
  'catalog:write',
  'inventory:read',
  'inventory:write',
  'customers:read',
  'customers:write',
  'checkout:read',
  'checkout:manage',
  'discounts:read',
  'discounts:manage',
  'orders:read',
  'orders:write',
  'orders:export',
  'payments:read',
  'payments:refund',
  'deliveries:read',
  'deliveries:assign',
  'deliveries:record',
  'pos:sell',
  'reports:read',
  'finance:read',
  'finance:reconcile',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'admin', 'manager', 'inventory_manager', 'sales_rep', 'delivery_agent', 'cashier', 'accountant', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

const all = PERMISSIONS;
const readOnly = PERMISSIONS.filter((p) => p.endsWith(':read'));

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: all,
  // Everything but changing the store itself; owners alone can make or remove owners (see staff rules).
  admin: all.filter((p) => p !== 'store:manage'),
  manager: [
    'store:read', 'staff:read', 'catalog:read', 'catalog:write', 'inventory:read', 'inventory:write', 'customers:read', 'customers:write',
    'checkout:read', 'discounts:read', 'discounts:manage', 'orders:read', 'orders:write', 'orders:export', 'payments:read', 'payments:refund', 'deliveries:read', 'deliveries:assign', 'pos:sell', 'reports:read',
  ],
  inventory_manager: ['store:read', 'catalog:read', 'catalog:write', 'inventory:read', 'inventory:write', 'orders:read', 'reports:read'],
  sales_rep: ['store:read', 'catalog:read', 'inventory:read', 'customers:read', 'customers:write', 'checkout:read', 'discounts:read', 'orders:read', 'orders:write', 'deliveries:read'],
  delivery_agent: ['store:read', 'deliveries:read', 'deliveries:record'],
  cashier: ['store:read', 'catalog:read', 'inventory:read', 'customers:read', 'checkout:read', 'discounts:read', 'orders:read', 'pos:sell'],
  // Reads, plus closing the agents' cash days (docs/deliveries.md).
  accountant: ['store:read', 'checkout:read', 'discounts:read', 'orders:read', 'orders:export', 'payments:read', 'reports:read', 'finance:read', 'finance:reconcile', 'audit:read'],
  viewer: readOnly.filter((p) => !['audit:read', 'finance:read', 'staff:read'].includes(p)),
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
