import { z } from 'zod';
import { MAIL_PAGES, pageLink } from './mail-links.ts';
import { count, defineMailTemplate, label, linkToken } from './mail-template.ts';

export const emailVerification = defineMailTemplate(
  z.object({
    name: label().optional(),
    token: linkToken(),
    expiresInHours: z.number().int().min(1).max(24 * 30),
  }),
  {
    en: (v, { publicUrl }) => ({
      subject: 'Confirm your email address',
      heading: 'Confirm your email address',
      paragraphs: [v.name ? `Hi ${v.name},` : 'Hi,', 'Please confirm that this is your email address.'],
      action: { label: 'Confirm email address', url: pageLink(publicUrl, MAIL_PAGES.verifyEmail, v.token) },
      notes: [`The link expires in ${count(v.expiresInHours, 'hour', 'hours')}.`, 'If you did not create an account, you can ignore this email.'],
    }),
    de: (v, { publicUrl }) => ({
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
      heading: 'E-Mail-Adresse bestätigen',
      paragraphs: [v.name ? `Hallo ${v.name},` : 'Hallo,', 'bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist.'],
      action: { label: 'E-Mail-Adresse bestätigen', url: pageLink(publicUrl, MAIL_PAGES.verifyEmail, v.token) },
      notes: [`Der Link ist ${count(v.expiresInHours, 'Stunde', 'Stunden')} gültig.`, 'Wenn Sie kein Konto angelegt haben, können Sie diese E-Mail ignorieren.'],
    }),
    nl: (v, { publicUrl }) => ({
      subject: 'Bevestig je e-mailadres',
      heading: 'E-mailadres bevestigen',
      paragraphs: [v.name ? `Hallo ${v.name},` : 'Hallo,', 'Bevestig dat dit jouw e-mailadres is.'],
      action: { label: 'E-mailadres bevestigen', url: pageLink(publicUrl, MAIL_PAGES.verifyEmail, v.token) },
      notes: [`De link is ${v.expiresInHours} uur geldig.`, 'Heb je geen account aangemaakt? Dan kun je deze e-mail negeren.'],
    }),
  },
);
