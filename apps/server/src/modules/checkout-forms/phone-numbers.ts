import { createRequire } from 'node:module';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

const require = createRequire(import.meta.url);
let loaded: typeof import('libphonenumber-js/max') | undefined;
/**
 * libphonenumber's full metadata (a few MB of heap) is loaded with the first phone number a form
 * checks, not at start-up: stores without phone fields never need it. Its CommonJS entry keeps
 * these functions synchronous.
 */
const library = () => (loaded ??= require('libphonenumber-js/max') as typeof import('libphonenumber-js/max'));

export type { CountryCode };

export function parsePhoneNumber(text: string, defaultCountry: CountryCode): PhoneNumber | undefined {
  return library().parsePhoneNumberFromString(text, defaultCountry);
}

export function isPhoneCountry(country: string): boolean {
  return library().isSupportedCountry(country as CountryCode);
}
