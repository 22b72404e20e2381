import type { CheckoutFormRow, FormItemRow } from './checkout-form.repository.ts';
import { fieldRulesOf, type FieldRules } from './form-rules.ts';

export interface CheckoutFormView {
  id: string;
  slug: string;
  title: string;
  status: CheckoutFormRow['status'];
  items: Array<{ variantId: string; maxQuantity: number }>;
  fields: FieldRules;
  allowedOrigins: string[];
  minFillSeconds: number;
  shippingMethodId: string;
  defaultCountry: string;
  successMessage: string | null;
  /** Where pages fetch the form (GET) and post its orders (POST …/orders). */
  publicPath: string;
  createdAt: string;
  updatedAt: string;
}

/** Where a store's form is served; the store is named by its id, which never changes. */
export const publicFormPath = (tenantId: string, slug: string) => `/api/v1/public/stores/${tenantId}/forms/${slug}`;

export function checkoutFormView(row: CheckoutFormRow, items: readonly FormItemRow[]): CheckoutFormView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    items: items.map((i) => ({ variantId: i.variantId, maxQuantity: i.maxQuantity })),
    fields: fieldRulesOf(row.fields),
    allowedOrigins: row.allowedOrigins,
    minFillSeconds: row.minFillSeconds,
    shippingMethodId: row.shippingMethodId,
    defaultCountry: row.defaultCountry,
    successMessage: row.successMessage,
    publicPath: publicFormPath(row.tenantId, row.slug),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
