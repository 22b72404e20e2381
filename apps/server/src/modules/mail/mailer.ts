import type { Config } from '../../config.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { createDevOutbox, type MailOutbox } from './dev-outbox.ts';
import { createDevTransport } from './dev.transport.ts';
import type { MailType } from './mail-catalog.ts';
import { toDeliveryError } from './mail-failure.ts';
import type { MailTransport, OutgoingMail, SentMail } from './mail-transport.ts';
import { createSmtpTransport } from './smtp.transport.ts';

export const MAIL_OUTCOMES = ['sent', 'temporary_failure', 'permanent_failure'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/** How many messages the development outbox keeps. */
const DEV_OUTBOX_SIZE = 50;

/** The runtime's mail: the configured transport, with failures classified and attempts reported. */
export interface Mailer {
  /** Throws MailDeliveryError, which says whether a retry can help. */
  send(message: OutgoingMail): Promise<SentMail>;
  /** The development transport's recent messages; null when mail goes out over SMTP. */
  readonly outbox: MailOutbox | null;
  /** Called after every attempt; returns the unsubscribe. */
  onAttempt(listener: (type: MailType, outcome: MailOutcome) => void): () => void;
  close(): Promise<void>;
}

export function createMailer(config: Config, log: Logger): Mailer {
  let outbox: MailOutbox | null = null;
  let transport: MailTransport;
  if (config.mail.smtpUrl) {
    transport = createSmtpTransport(config.mail.smtpUrl);
  } else {
    // config.ts refuses this already; a second guard costs nothing where the stake is silently dropped mail.
    if (config.isProduction) throw new Error('SMTP_URL must be set in production: the development mail transport does not send mail');
    outbox = createDevOutbox(DEV_OUTBOX_SIZE);
    transport = createDevTransport(log.child({ component: 'mail' }), outbox);
  }
  const listeners = new Set<(type: MailType, outcome: MailOutcome) => void>();
  const report = (type: MailType, outcome: MailOutcome) => {
    for (const listener of listeners) listener(type, outcome);
  };
  return {
    outbox,
    async send(message) {
      try {
        const sent = await transport.send(message);
        report(message.type, 'sent');
        return sent;
      } catch (err) {
        const failure = toDeliveryError(err);
        report(message.type, failure.permanent ? 'permanent_failure' : 'temporary_failure');
        throw failure;
      }
    },
    onAttempt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => transport.close(),
  };
}
