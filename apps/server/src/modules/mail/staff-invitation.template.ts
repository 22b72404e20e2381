import { z } from 'zod';
import { MAIL_PAGES, pageLink } from './mail-links.ts';
import { count, defineMailTemplate, label, linkToken } from './mail-template.ts';

export const staffInvitation = defineMailTemplate(
  z.object({
    storeName: label(),
    inviterName: label(),
    token: linkToken(),
    expiresInHours: z.number().int().min(1).max(24 * 30),
  }),
  {
    en: (v, { publicUrl }) => ({
      subject: `You're invited to join ${v.storeName}`,
      heading: `Join ${v.storeName}`,
      paragraphs: [`${v.inviterName} has invited you to help run ${v.storeName} on Winkel.`, 'Accept the invitation to set up your account.'],
      action: { label: 'Accept invitation', url: pageLink(publicUrl, MAIL_PAGES.acceptInvitation, v.token) },
      notes: [`This invitation expires in ${count(v.expiresInHours, 'hour', 'hours')}.`, 'If you were not expecting it, you can ignore this email.'],
    }),
    de: (v, { publicUrl }) => ({
      subject: `Einladung zu ${v.storeName}`,
      heading: `Willkommen bei ${v.storeName}`,
      paragraphs: [`${v.inviterName} hat Sie eingeladen, ${v.storeName} auf Winkel mitzuverwalten.`, 'Nehmen Sie die Einladung an, um Ihr Konto einzurichten.'],
      action: { label: 'Einladung annehmen', url: pageLink(publicUrl, MAIL_PAGES.acceptInvitation, v.token) },
      notes: [`Die Einladung ist ${count(v.expiresInHours, 'Stunde', 'Stunden')} gültig.`, 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.'],
    }),
    nl: (v, { publicUrl }) => ({
      subject: `Uitnodiging voor ${v.storeName}`,
      heading: `Welkom bij ${v.storeName}`,
      paragraphs: [`${v.inviterName} heeft je uitgenodigd om ${v.storeName} op Winkel mee te beheren.`, 'Accepteer de uitnodiging om je account aan te maken.'],
      action: { label: 'Uitnodiging accepteren', url: pageLink(publicUrl, MAIL_PAGES.acceptInvitation, v.token) },
      notes: [`Deze uitnodiging verloopt over ${v.expiresInHours} uur.`, 'Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.'],
    }),
  },
);
