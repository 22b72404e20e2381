import { z } from 'zod';
import type { MailContent } from './mail-layout.ts';
import type { MailLocale } from './mail-locale.ts';

export interface TemplateContext {
  /** config.publicUrl, without a trailing slash. */
  publicUrl: string;
}

export type WriteContent<V> = (variables: V, context: TemplateContext) => MailContent;

/** English is required; a locale left out falls back to it. */
export type TemplateLocales<V> = { en: WriteContent<V> } & Partial<Record<Exclude<MailLocale, 'en'>, WriteContent<V>>>;

/** One message type: the variables it needs and its wording per locale. */
export interface MailTemplate<V> {
  variables: z.ZodType<V>;
  locales: TemplateLocales<V>;
}

/** Keeps the schema's exact type (callers' variables are typed from it) and types the wording's variables. */
export function defineMailTemplate<S extends z.ZodType>(variables: S, locales: TemplateLocales<z.output<S>>): { variables: S; locales: TemplateLocales<z.output<S>> } {
  return { variables, locales };
}

/** A short variable: a name, a SKU. */
export const label = (max = 200) => z.string().trim().min(1).max(max);

/** An opaque token for a link; encoded into it, never shown on its own. */
export const linkToken = () => z.string().min(1).max(512);

/** "1 hour" / "3 hours", in any language with one singular form. */
export const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
