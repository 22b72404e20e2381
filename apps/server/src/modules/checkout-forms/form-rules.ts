import { isPhoneCountry } from './phone-numbers.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { CartSettings } from '../carts/index.ts';
import { FORM_FIELDS, type FieldRule, type FormField } from './checkout-forms.tables.ts';

export type FieldRules = Record<FormField, FieldRule>;

/** What a form asks when the merchant says nothing: a phone number to call before delivering cash on delivery. */
export const DEFAULT_FIELD_RULES: FieldRules = { email: 'optional', phone: 'required', company: 'hidden', line2: 'optional', postalCode: 'required', region: 'hidden', note: 'optional' };

export const MAX_ALLOWED_ORIGINS = 20;

/** The stored rules, with the defaults for fields the row does not mention. */
export function fieldRulesOf(stored: Partial<Record<FormField, FieldRule>>): FieldRules {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, stored[field] ?? DEFAULT_FIELD_RULES[field]])) as FieldRules;
}

/** What the merchant's choice of fields cannot be. */
export function fieldRuleProblems(rules: FieldRules): FieldError[] {
  const problems: FieldError[] = [];
  if (rules.phone !== 'required' && rules.email !== 'required') {
    problems.push({ path: 'body.fields.phone', message: 'a cash-on-delivery order needs a way to reach the shopper: make phone or email required' });
  }
  // Orders cannot be placed without a postal code yet (docs/checkout-forms.md#fields).
  if (rules.postalCode !== 'required') problems.push({ path: 'body.fields.postalCode', message: 'must be required: orders need a postal code' });
  return problems;
}

const ORIGIN_SHAPE = /^(https?):\/\/([^\s/?#@*]+)\/?$/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https://host[:port]` as browsers send it in `Origin` (lower case, no default port), or why the text is not one. */
export function parseOrigin(raw: string): { origin: string } | { error: string } {
  const text = raw.trim();
  if (text.includes('*')) return { error: 'wildcards are not accepted; list each origin' };
  if (!ORIGIN_SHAPE.test(text)) return { error: 'must be an origin such as https://shop.example (scheme, host and optional port; no path)' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'must be an origin such as https://shop.example' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) return { error: 'must use https (plain http only for localhost)' };
  return { origin: url.origin };
}

/** The origins normalised, without repeats, or what is wrong with each. */
export function originsOf(raw: readonly string[]): { origins: string[]; errors: FieldError[] } {
  const origins: string[] = [];
  const errors: FieldError[] = [];
  raw.forEach((text, index) => {
    const parsed = parseOrigin(text);
    if ('error' in parsed) errors.push({ path: `body.allowedOrigins.${index}`, message: parsed.error });
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  });
  if (origins.length > MAX_ALLOWED_ORIGINS) errors.push({ path: 'body.allowedOrigins', message: `at most ${MAX_ALLOWED_ORIGINS} origins` });
  return { origins, errors };
}

export function countryProblems(country: string): FieldError[] {
  return isPhoneCountry(country) ? [] : [{ path: 'body.defaultCountry', message: 'is not a country whose phone numbers can be checked' }];
}

export interface FormItemInput {
  variantId: string;
  maxQuantity: number;
}

/** Items a cart can hold: each variant once, no more lines or quantity than a cart takes. */
export function itemProblems(items: readonly FormItemInput[], cart: Pick<CartSettings, 'maxLineQuantity' | 'maxLines'>): FieldError[] {
  const problems: FieldError[] = [];
  if (items.length > cart.maxLines) problems.push({ path: 'body.items', message: `at most ${cart.maxLines} items` });
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.variantId)) problems.push({ path: `body.items.${index}.variantId`, message: 'is listed twice' });
    seen.add(item.variantId);
    if (item.maxQuantity > cart.maxLineQuantity) problems.push({ path: `body.items.${index}.maxQuantity`, message: `is more than a cart line takes (${cart.maxLineQuantity})` });
  });
  return problems;
}

/** A published form must be able to take an order from somewhere. */
export function publicationProblems(form: { status: string; items: readonly unknown[]; allowedOrigins: readonly string[] }): FieldError[] {
  if (form.status !== 'published') return [];
  const problems: FieldError[] = [];
  if (form.items.length === 0) problems.push({ path: 'body.items', message: 'a published form needs at least one item' });
  if (form.allowedOrigins.length === 0) problems.push({ path: 'body.allowedOrigins', message: 'a published form needs at least one origin allowed to post it' });
  return problems;
}
