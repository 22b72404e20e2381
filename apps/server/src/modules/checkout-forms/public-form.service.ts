import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { findShippingMethod } from '../checkout-settings/index.ts';
import { availabilityOf, type AvailabilityView } from '../storefront/index.ts';
import { readStoreSettings, type StoreSettings } from '../tenancy/index.ts';
import { storeOf, type CheckoutFormsDeps } from './checkout-forms.deps.ts';
import { fieldRulesOf, type FieldRules } from './form-rules.ts';
import { signFormToken } from './form-token.ts';
import { offeredItems, findPublishedForm } from './public-form.repository.ts';

/** The honeypot: a field a page hides from people; a post that fills it in is taken for a bot. */
export const HONEYPOT_FIELD = 'website';

/** A published form, as public requests need it. */
export interface PublicForm {
  tenantId: string;
  id: string;
  slug: string;
  title: string;
  fields: FieldRules;
  allowedOrigins: readonly string[];
  minFillSeconds: number;
  shippingMethodId: string;
  defaultCountry: string;
  successMessage: string | null;
  currency: string;
  settings: StoreSettings;
  /** Variant id → the most a shopper may take. */
  maxQuantities: ReadonlyMap<string, number>;
}

type Money = { amount: number; currency: string };

export interface FormDefinition {
  title: string;
  currency: string;
  defaultCountry: string;
  fields: FieldRules;
  honeypotField: string;
  items: Array<{ variantId: string; productName: string; optionValues: Record<string, string>; price: Money; compareAtPrice: Money | null; maxQuantity: number } & AvailabilityView>;
  /** The delivery the order comes with; null while the form's shipping method cannot be used. */
  shipping: { name: string; price: Money; codFee: Money } | null;
  formToken: string;
}

/** Published forms for anyone on an allowed page (docs/checkout-forms.md#the-public-endpoints). */
export function createPublicFormService(deps: CheckoutFormsDeps) {
  const { db, tokenKey } = deps;
  const now = deps.now ?? Date.now;
  return {
    /** The store's published form with this slug; null for an unknown, unpublished or suspended one alike. */
    async find(storeId: string, slug: string): Promise<PublicForm | null> {
      const found = await inTransaction(db, { tenantId: storeId }, (tx) => findPublishedForm(tx, storeId, slug));
      if (!found) return null;
      const { form } = found;
      return {
        tenantId: form.tenantId,
        id: form.id,
        slug: form.slug,
        title: form.title,
        fields: fieldRulesOf(form.fields),
        allowedOrigins: form.allowedOrigins,
        minFillSeconds: form.minFillSeconds,
        shippingMethodId: form.shippingMethodId,
        defaultCountry: form.defaultCountry,
        successMessage: form.successMessage,
        currency: found.currency,
        settings: readStoreSettings(found.settings),
        maxQuantities: new Map(found.items.map((i) => [i.variantId, i.maxQuantity])),
      };
    },

    /** What a page needs to show the form, with a fresh token that proves when it was served. */
    async definition(ctx: Ctx, form: PublicForm): Promise<FormDefinition> {
      const tenantId = storeOf(ctx);
      const { items, method } = await inTransaction(db, { tenantId }, async (tx) => ({
        items: await offeredItems(tx, tenantId, form.id),
        method: await findShippingMethod(tx, tenantId, form.shippingMethodId),
      }));
      const money = (amount: number) => ({ amount, currency: form.currency });
      const usable = method && method.active && method.kind === 'cash_on_delivery' && method.currency === form.currency;
      return {
        title: form.title,
        currency: form.currency,
        defaultCountry: form.defaultCountry,
        fields: form.fields,
        honeypotField: HONEYPOT_FIELD,
        items: items
          .filter((i) => i.currency === form.currency)
          .map((i) => ({
            variantId: i.variantId,
            productName: i.productName,
            optionValues: i.optionValues,
            price: money(i.price),
            compareAtPrice: i.compareAt !== null && i.compareAt > i.price ? money(i.compareAt) : null,
            maxQuantity: i.maxQuantity,
            ...availabilityOf(i, form.settings),
          })),
        shipping: usable ? { name: method.name, price: money(method.priceAmount), codFee: money(method.codFeeAmount ?? 0) } : null,
        formToken: signFormToken(tokenKey, { tenantId, formId: form.id }, now()),
      };
    },
  };
}

export type PublicFormService = ReturnType<typeof createPublicFormService>;
