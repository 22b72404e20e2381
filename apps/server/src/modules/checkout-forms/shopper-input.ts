import { parsePhoneNumber, type CountryCode } from './phone-numbers.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { ShippingAddress } from '../carts/index.ts';
import type { FormField } from './checkout-forms.tables.ts';
import type { FieldRules } from './form-rules.ts';

/** What a shopper posts, as the route's schema lets it through (strings trimmed). */
export interface FormPost {
  items: ReadonlyArray<{ variantId: string; quantity: number }>;
  name: string;
  line1: string;
  city: string;
  country: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  company?: string | null | undefined;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  region?: string | null | undefined;
  note?: string | null | undefined;
}

/** What the form needs to judge a post: the fields it asks, its country for phone numbers, and what it sells. */
export interface FormShape {
  fields: FieldRules;
  defaultCountry: string;
  /** Variant id → the most a shopper may take. */
  maxQuantities: ReadonlyMap<string, number>;
}

/** The order's address; company and note ride along in it (docs/checkout-forms.md#what-the-order-gets). */
export type FormAddress = ShippingAddress & { company: string | null; note: string | null };

export interface ShopperDetails {
  lines: Array<{ variantId: string; quantity: number }>;
  email: string | null;
  /** E.164, e.g. +31612345678. */
  phone: string | null;
  address: FormAddress;
}

/** The value of an asked field, null when left empty; problems for a required one left empty or a hidden one filled in. */
function asked(rules: FieldRules, field: FormField, value: string | null | undefined, problems: FieldError[]): string | null {
  const given = value ? value : null;
  const rule = rules[field];
  if (rule === 'required' && !given) problems.push({ path: `body.${field}`, message: 'is required by this form' });
  if (rule === 'hidden' && given) problems.push({ path: `body.${field}`, message: 'is not asked by this form; leave it out' });
  return rule === 'hidden' ? null : given;
}

/** The phone number in E.164, read with the form's country when written without +country code; undefined when it is not a valid number. */
export function phoneInE164(text: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumber(text, defaultCountry as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

function linesOf(form: FormShape, post: FormPost, problems: FieldError[]): ShopperDetails['lines'] {
  const seen = new Set<string>();
  post.items.forEach((item, index) => {
    const max = form.maxQuantities.get(item.variantId);
    if (max === undefined) problems.push({ path: `body.items.${index}.variantId`, message: 'is not offered by this form' });
    else if (seen.has(item.variantId)) problems.push({ path: `body.items.${index}.variantId`, message: 'is listed twice' });
    else if (item.quantity > max) problems.push({ path: `body.items.${index}.quantity`, message: `is more than this form sells at once (${max})` });
    seen.add(item.variantId);
  });
  return post.items.map((i) => ({ variantId: i.variantId, quantity: i.quantity }));
}

/** The post read against the form: every problem at once, each naming its field, or what the order gets. */
export function readFormPost(form: FormShape, post: FormPost): { ok: true; details: ShopperDetails } | { ok: false; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const lines = linesOf(form, post, problems);
  const email = asked(form.fields, 'email', post.email, problems);
  let phone = asked(form.fields, 'phone', post.phone, problems);
  if (phone) {
    const e164 = phoneInE164(phone, form.defaultCountry);
    if (!e164) problems.push({ path: 'body.phone', message: `is not a valid phone number (a number without +country code is read as ${form.defaultCountry})` });
    phone = e164 ?? null;
  }
  const address: FormAddress = {
    name: post.name,
    line1: post.line1,
    line2: asked(form.fields, 'line2', post.line2, problems),
    city: post.city,
    postalCode: asked(form.fields, 'postalCode', post.postalCode, problems) ?? '',
    region: asked(form.fields, 'region', post.region, problems),
    country: post.country,
    phone,
    company: asked(form.fields, 'company', post.company, problems),
    note: asked(form.fields, 'note', post.note, problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, details: { lines, email: email?.toLowerCase() ?? null, phone, address } };
}

/**
 * orders.email cannot be empty. A shopper who gives no email is written down under an address in
 * the reserved `.invalid` domain that names their phone number, so that orders of one shopper
 * share it (per-customer discount limits keep working) and no mail can ever reach anyone.
 */
export function orderEmailOf(details: Pick<ShopperDetails, 'email' | 'phone'>): string {
  if (details.email) return details.email;
  if (!details.phone) throw new Error('a form post without email must have a phone number');
  return `phone-${details.phone.replace(/\D/g, '')}@no-email.invalid`;
}
