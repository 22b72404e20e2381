import type { z } from 'zod';
import { emailVerification } from './email-verification.template.ts';
import { renderLayout, type RenderedMail } from './mail-layout.ts';
import type { MailLocale } from './mail-locale.ts';
import type { MailTemplate, TemplateContext } from './mail-template.ts';
import { loginCode } from './login-code.template.ts';
import { orderConfirmation } from './order-confirmation.template.ts';
import { passwordReset } from './password-reset.template.ts';
import { staffInvitation } from './staff-invitation.template.ts';
import { stockLow } from './stock-low.template.ts';

/** Every message Winkel sends, by type. A new message is a template file and a line here. */
export const mailTemplates = {
  staff_invitation: staffInvitation,
  password_reset: passwordReset,
  email_verification: emailVerification,
  login_code: loginCode,
  stock_low: stockLow,
  order_confirmation: orderConfirmation,
};

export type MailType = keyof typeof mailTemplates;

export const MAIL_TYPES = Object.keys(mailTemplates) as MailType[];

/** The variables a caller passes for each type. */
export type MailVariables = { [T in MailType]: z.input<(typeof mailTemplates)[T]['variables']> };

/** The same, checked and with defaults applied. */
export type ParsedMailVariables = { [T in MailType]: z.output<(typeof mailTemplates)[T]['variables']> };

// Re-typed as a mapped type so that templates[type] and its variables stay paired for a generic type.
const templates: { [T in MailType]: MailTemplate<ParsedMailVariables[T]> } = mailTemplates;

export interface RenderedMessage extends RenderedMail {
  /** The locale written in: the one asked for, or English when it has no wording for it. */
  locale: MailLocale;
}

export function renderMail<T extends MailType>(type: T, variables: ParsedMailVariables[T], locale: MailLocale, context: TemplateContext): RenderedMessage {
  const template = templates[type];
  const wording = template.locales[locale];
  const used: MailLocale = wording ? locale : 'en';
  return { ...renderLayout((wording ?? template.locales.en)(variables, context), used), locale: used };
}
