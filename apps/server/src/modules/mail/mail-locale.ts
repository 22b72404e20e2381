/** Languages mail is written in. English is complete for every message; the others fall back to it. */
export const MAIL_LOCALES = ['en', 'de', 'nl'] as const;

export type MailLocale = (typeof MAIL_LOCALES)[number];

/** The closest supported locale to a requested one: `de-AT` → `de`, `fr` → `en`. */
export function resolveMailLocale(requested: string | null | undefined): MailLocale {
  const language = (requested ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return MAIL_LOCALES.find((l) => l === language) ?? 'en';
}
