import type { FieldError } from '../../platform/errors.ts';

const HANDLE = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
/** Handles that would read as part of the product rather than a shop. */
const RESERVED_HANDLES = new Set(['admin', 'api', 'app', 'www', 'winkel', 'docs', 'health', 'metrics', 'static', 'assets', 'store', 'stores', 'pos']);
const currencies = new Set(Intl.supportedValuesOf('currency'));

export function handleProblem(handle: string): string | null {
  if (!HANDLE.test(handle)) return 'must be 3–40 lower-case letters, digits or dashes, starting and ending with a letter or digit';
  if (handle.includes('--')) return 'must not contain two dashes in a row';
  if (RESERVED_HANDLES.has(handle)) return 'is reserved';
  return null;
}

/** The ISO 4217 code, upper-cased, or null when there is no such currency. */
export function canonicalCurrency(code: string): string | null {
  const upper = code.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(upper) && currencies.has(upper) ? upper : null;
}

/** The IANA time zone as Intl spells it (Europe/Amsterdam), or null when Intl does not know it. */
export function canonicalTimezone(zone: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The BCP 47 tag in canonical form (en-GB, nl), or null when it is not well-formed. */
export function canonicalLocale(tag: string): string | null {
  if (tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

export interface StoreFields {
  defaultCurrency?: string;
  locale?: string;
  timezone?: string;
}

/** Canonical values of the fields given, and a field error for each that is not valid. */
export function checkStoreFields(input: StoreFields, pathPrefix = 'body.'): { values: StoreFields; errors: FieldError[] } {
  const values: StoreFields = {};
  const errors: FieldError[] = [];
  if (input.defaultCurrency !== undefined) {
    const v = canonicalCurrency(input.defaultCurrency);
    if (v) values.defaultCurrency = v;
    else errors.push({ path: `${pathPrefix}defaultCurrency`, message: 'must be an ISO 4217 currency code such as EUR' });
  }
  if (input.locale !== undefined) {
    const v = canonicalLocale(input.locale);
    if (v) values.locale = v;
    else errors.push({ path: `${pathPrefix}locale`, message: 'must be a BCP 47 language tag such as en or nl-BE' });
  }
  if (input.timezone !== undefined) {
    const v = canonicalTimezone(input.timezone);
    if (v) values.timezone = v;
    else errors.push({ path: `${pathPrefix}timezone`, message: 'must be an IANA time zone such as Europe/Amsterdam' });
  }
  return { values, errors };
}
