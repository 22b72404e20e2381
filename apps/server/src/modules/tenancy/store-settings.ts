import { z } from 'zod';

/** Text search configurations PostgreSQL ships with; 'simple' only lower-cases, without stemming. */
export const SEARCH_LANGUAGES = ['simple', 'danish', 'dutch', 'english', 'finnish', 'french', 'german', 'hungarian', 'italian', 'norwegian', 'portuguese', 'romanian', 'russian', 'spanish', 'swedish', 'turkish'] as const;

/** A tax class name as variants carry it (`standard`, `reduced`, `zero`, …). */
export const taxClassSchema = z.string().trim().min(1).max(50);

/** What a store's `settings` column holds; unknown keys are dropped when read. */
const storeSettingsSchema = z.object({
  /** Owners and admins must turn on two-factor sign-in before they can do anything else. */
  requireMfaForAdmins: z.boolean().default(false),
  /** The PostgreSQL text search configuration products are indexed with (stemming and stop words of the shop's language). */
  searchLanguage: z.enum(SEARCH_LANGUAGES).default('simple'),
  /** Storefronts see exact stock counts; otherwise only in stock / low / out. */
  showStockQuantities: z.boolean().default(false),
  /** Available at or below this (and above zero) shows as "low" on the storefront. */
  lowStockDisplayThreshold: z.number().int().min(0).max(1_000_000).default(5),
  /** Catalog prices include tax (EU style); false: tax is added on top (US style). */
  pricesIncludeTax: z.boolean().default(true),
  /** The tax class shipping is taxed at (a class of the store's tax rates). */
  shippingTaxClass: taxClassSchema.default('standard'),
});

/** A change to the settings, as the API takes it: unknown keys are refused. */
export const storeSettingsPatchSchema = z
  .object({
    requireMfaForAdmins: z.boolean().optional(),
    searchLanguage: z.enum(SEARCH_LANGUAGES).optional(),
    showStockQuantities: z.boolean().optional(),
    lowStockDisplayThreshold: z.number().int().min(0).max(1_000_000).optional(),
    pricesIncludeTax: z.boolean().optional(),
    shippingTaxClass: taxClassSchema.optional(),
  })
  .strict();

export type StoreSettings = z.output<typeof storeSettingsSchema>;
export type StoreSettingsPatch = z.output<typeof storeSettingsPatchSchema>;

export function readStoreSettings(raw: unknown): StoreSettings {
  const parsed = storeSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : storeSettingsSchema.parse({});
}
