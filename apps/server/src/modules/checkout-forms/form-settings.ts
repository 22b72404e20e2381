import type { Tx } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { CartSettings } from '../carts/index.ts';
import { findShippingMethod } from '../checkout-settings/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import { variantsOnOffer, type CheckoutFormRow, type FormColumns } from './checkout-form.repository.ts';
import { countryProblems, fieldRuleProblems, fieldRulesOf, itemProblems, originsOf, publicationProblems, type FieldRules, type FormItemInput } from './form-rules.ts';

export const DEFAULT_MAX_QUANTITY = 10;
export const DEFAULT_MIN_FILL_SECONDS = 3;

/** A checkout form as the admin API takes it; in a change, what is not sent keeps its stored value. */
export interface CheckoutFormInput {
  slug: string;
  title: string;
  status?: 'draft' | 'published' | undefined;
  items?: ReadonlyArray<{ variantId: string; maxQuantity?: number | undefined }> | undefined;
  fields?: Partial<FieldRules> | undefined;
  allowedOrigins?: readonly string[] | undefined;
  minFillSeconds?: number | undefined;
  shippingMethodId: string;
  defaultCountry: string;
  successMessage?: string | null | undefined;
}

export type CheckoutFormPatch = Partial<CheckoutFormInput>;

/** The whole form after a create or a change, before it is checked. */
interface FormState {
  columns: FormColumns;
  items: FormItemInput[];
}

function stateOf(sent: CheckoutFormPatch, before: { row: CheckoutFormRow; items: FormItemInput[] } | null): FormState {
  const row = before?.row;
  const pick = <T>(value: T | undefined, stored: T | undefined, fallback: T): T => (value !== undefined ? value : stored !== undefined ? stored : fallback);
  return {
    columns: {
      slug: pick(sent.slug, row?.slug, ''),
      title: pick(sent.title, row?.title, ''),
      status: pick<CheckoutFormRow['status']>(sent.status, row?.status, 'draft'),
      fields: { ...fieldRulesOf(row?.fields ?? {}), ...sent.fields },
      allowedOrigins: [...pick<readonly string[]>(sent.allowedOrigins, row?.allowedOrigins, [])],
      minFillSeconds: pick(sent.minFillSeconds, row?.minFillSeconds, DEFAULT_MIN_FILL_SECONDS),
      shippingMethodId: pick(sent.shippingMethodId, row?.shippingMethodId, ''),
      defaultCountry: pick(sent.defaultCountry, row?.defaultCountry, ''),
      successMessage: pick<string | null>(sent.successMessage, row?.successMessage, null) || null,
    },
    items: sent.items ? sent.items.map((i) => ({ variantId: i.variantId, maxQuantity: i.maxQuantity ?? DEFAULT_MAX_QUANTITY })) : (before?.items ?? []),
  };
}

/** Each item a variant of this store on sale in the store's currency. */
async function catalogProblems(tx: Tx, tenantId: string, items: readonly FormItemInput[], currency: string): Promise<FieldError[]> {
  const variants = await variantsOnOffer(tx, tenantId, items.map((i) => i.variantId));
  const problems: FieldError[] = [];
  items.forEach((item, index) => {
    const variant = variants.get(item.variantId);
    const path = `body.items.${index}.variantId`;
    if (!variant || !variant.onSale) problems.push({ path, message: 'is not a variant on sale in this store (unknown, or its product is not active and published)' });
    else if (variant.currency !== currency) problems.push({ path, message: `is priced in ${variant.currency}, not in the store's ${currency}` });
  });
  return problems;
}

async function shippingProblems(tx: Tx, tenantId: string, shippingMethodId: string, currency: string): Promise<FieldError[]> {
  const method = await findShippingMethod(tx, tenantId, shippingMethodId);
  const ok = method && method.kind === 'cash_on_delivery' && method.active && method.currency === currency;
  return ok ? [] : [{ path: 'body.shippingMethodId', message: 'is not an active cash-on-delivery shipping method of this store' }];
}

/**
 * The form's columns and items after `sent` is laid over what is stored (nothing, for a new form),
 * with every problem at once. Items and the shipping method are checked against the catalog when
 * they are sent and whenever the form is (or stays) published, so a published form can always take an order.
 */
export async function settleForm(
  tx: Tx,
  tenantId: string,
  cart: CartSettings,
  sent: CheckoutFormPatch,
  before: { row: CheckoutFormRow; items: FormItemInput[] } | null,
): Promise<{ columns: FormColumns; items: FormItemInput[]; problems: FieldError[] }> {
  const { columns, items } = stateOf(sent, before);
  const origins = originsOf(columns.allowedOrigins ?? []);
  columns.allowedOrigins = origins.origins;
  const problems = [
    ...fieldRuleProblems(fieldRulesOf(columns.fields)),
    ...origins.errors,
    ...(sent.defaultCountry !== undefined ? countryProblems(columns.defaultCountry) : []),
    ...itemProblems(items, cart),
    ...publicationProblems({ status: columns.status ?? 'draft', items, allowedOrigins: origins.origins }),
  ];
  const published = columns.status === 'published';
  const currency = (await findStoreById(tx, tenantId))?.defaultCurrency ?? '';
  if (sent.items !== undefined || published) problems.push(...(await catalogProblems(tx, tenantId, items, currency)));
  if (sent.shippingMethodId !== undefined || published) problems.push(...(await shippingProblems(tx, tenantId, columns.shippingMethodId, currency)));
  return { columns, items, problems };
}
