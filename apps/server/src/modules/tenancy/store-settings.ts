import { z } from 'zod';

/** What a store's `settings` column holds; unknown keys are dropped when read. */
const storeSettingsSchema = z.object({
  /** Owners and admins must turn on two-factor sign-in before they can do anything else. */
  requireMfaForAdmins: z.boolean().default(false),
});

/** A change to the settings, as the API takes it: unknown keys are refused. */
export const storeSettingsPatchSchema = z.object({ requireMfaForAdmins: z.boolean().optional() }).strict();

export type StoreSettings = z.output<typeof storeSettingsSchema>;
export type StoreSettingsPatch = z.output<typeof storeSettingsPatchSchema>;

export function readStoreSettings(raw: unknown): StoreSettings {
  const parsed = storeSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : storeSettingsSchema.parse({});
}
