import type { MailType } from './mail-catalog.ts';
import type { MailLocale } from './mail-locale.ts';

/** One rendered message, ready to hand to a transport. */
export interface OutgoingMail {
  /** Stable across retries: it becomes the Message-ID, so a receiver can drop a duplicate delivery. */
  id: string;
  type: MailType;
  locale: MailLocale;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SentMail {
  accepted: string[];
  /** Recipients the server refused while accepting the message for others. */
  rejected: string[];
}

/** How mail leaves Winkel: SMTP, or in development the log. Chosen once, from config. */
export interface MailTransport {
  send(message: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}
