import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { lazyModule } from '../../platform/lazy-module.ts';

/** libphonenumber's full metadata (a few MB of heap): stores without phone fields never need it. */
const library = lazyModule<typeof import('libphonenumber-js/max')>(import.meta.url, 'libphonenumber-js/max');

export type { CountryCode };

export function parsePhoneNumber(text: string, defaultCountry: CountryCode): PhoneNumber | undefined {
  return library().parsePhoneNumberFromString(text, defaultCountry);
}

export function isPhoneCountry(country: string): boolean {
  return library().isSupportedCountry(country as CountryCode);
}
