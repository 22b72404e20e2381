import { z } from 'zod';
import { count, defineMailTemplate } from './mail-template.ts';

export const loginCode = defineMailTemplate(
  z.object({
    code: z.string().regex(/^[0-9A-Z]{4,12}$/, 'must be 4-12 digits or capital letters'),
    expiresInMinutes: z.number().int().min(1).max(24 * 60),
  }),
  {
    // The code stays out of the subject, which lock screens and notifications show.
    en: (v) => ({
      subject: 'Your login code',
      heading: 'Your login code',
      paragraphs: ['Enter this code to sign in:'],
      code: v.code,
      notes: [`It expires in ${count(v.expiresInMinutes, 'minute', 'minutes')}. Never share it with anyone.`, 'If you did not try to sign in, you can ignore this email.'],
    }),
    de: (v) => ({
      subject: 'Ihr Anmeldecode',
      heading: 'Ihr Anmeldecode',
      paragraphs: ['Geben Sie diesen Code ein, um sich anzumelden:'],
      code: v.code,
      notes: [`Er ist ${count(v.expiresInMinutes, 'Minute', 'Minuten')} gültig. Geben Sie ihn an niemanden weiter.`, 'Wenn Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren.'],
    }),
    nl: (v) => ({
      subject: 'Je inlogcode',
      heading: 'Je inlogcode',
      paragraphs: ['Voer deze code in om in te loggen:'],
      code: v.code,
      notes: [`De code is ${count(v.expiresInMinutes, 'minuut', 'minuten')} geldig. Deel hem met niemand.`, 'Probeerde je niet in te loggen? Dan kun je deze e-mail negeren.'],
    }),
  },
);
