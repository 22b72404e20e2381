import { z } from 'zod';
import { mailTemplates, type MailType } from './mail-catalog.ts';

const envelope = {
  /** Made when the mail is queued; the Message-ID of every attempt. */
  messageId: z.uuid(),
  to: z.array(z.email()).min(1).max(50),
  /** As asked for (a store's or a person's locale); resolved to a supported one when rendered. */
  locale: z.string().max(35),
  tenantId: z.string().optional(),
};

const variant = <T extends MailType>(type: T) => z.object({ type: z.literal(type), variables: mailTemplates[type].variables, ...envelope });

/** The `mail.send` job's payload: which message, to whom, and its variables checked against its type. */
export const mailJobPayload = z.discriminatedUnion('type', [
  variant('staff_invitation'),
  variant('password_reset'),
  variant('email_verification'),
  variant('login_code'),
  variant('stock_low'),
  variant('order_confirmation'),
]);

export type MailJobPayload = z.output<typeof mailJobPayload>;

/** Messages per `mail.send-batch` job; queueMails splits longer lists. */
export const MAIL_BATCH_MAX = 100;

/** The `mail.send-batch` job's payload: messages queued together, each as a `mail.send` job would carry it. */
export const mailBatchPayload = z.object({ mails: z.array(mailJobPayload).min(1).max(MAIL_BATCH_MAX) });

// A type added to the catalog but left out of the union above fails to compile here.
const everyTypeCovered: [MailType] extends [MailJobPayload['type']] ? true : never = true;
void everyTypeCovered;
