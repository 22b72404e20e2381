import { z } from 'zod';
import { MAIL_PAGES, pageLink } from './mail-links.ts';
import { count, defineMailTemplate, label, linkToken } from './mail-template.ts';

const resetPage = (realm: 'staff' | 'customer' | undefined) => (realm === 'customer' ? MAIL_PAGES.resetCustomerPassword : MAIL_PAGES.resetPassword);

export const passwordReset = defineMailTemplate(
  z.object({
    name: label().optional(),
    token: linkToken(),
    expiresInMinutes: z.number().int().min(1).max(24 * 60),
    /** Whose password: staff reset it in the admin, shoppers in the shop's account pages. */
    realm: z.enum(['staff', 'customer']).optional(),
  }),
  {
    en: (v, { publicUrl }) => ({
      subject: 'Reset your password',
      heading: 'Reset your password',
      paragraphs: [v.name ? `Hi ${v.name},` : 'Hi,', 'We received a request to reset the password of your account. Choose a new one with the link below.'],
      action: { label: 'Choose a new password', url: pageLink(publicUrl, resetPage(v.realm), v.token) },
      notes: [`The link expires in ${count(v.expiresInMinutes, 'minute', 'minutes')} and works once.`, 'If you did not ask for this, ignore this email: your password stays as it is.'],
    }),
    de: (v, { publicUrl }) => ({
      subject: 'Passwort zurücksetzen',
      heading: 'Passwort zurücksetzen',
      paragraphs: [v.name ? `Hallo ${v.name},` : 'Hallo,', 'wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen. Über den folgenden Link können Sie ein neues wählen.'],
      action: { label: 'Neues Passwort wählen', url: pageLink(publicUrl, resetPage(v.realm), v.token) },
      notes: [`Der Link ist ${count(v.expiresInMinutes, 'Minute', 'Minuten')} gültig und funktioniert einmal.`, 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.'],
    }),
    nl: (v, { publicUrl }) => ({
      subject: 'Je wachtwoord opnieuw instellen',
      heading: 'Wachtwoord opnieuw instellen',
      paragraphs: [v.name ? `Hallo ${v.name},` : 'Hallo,', 'We hebben een verzoek ontvangen om het wachtwoord van je account opnieuw in te stellen. Kies via de link hieronder een nieuw wachtwoord.'],
      action: { label: 'Nieuw wachtwoord kiezen', url: pageLink(publicUrl, resetPage(v.realm), v.token) },
      notes: [`De link is ${count(v.expiresInMinutes, 'minuut', 'minuten')} geldig en werkt één keer.`, 'Heb je dit niet aangevraagd? Negeer deze e-mail dan; je wachtwoord blijft ongewijzigd.'],
    }),
  },
);
