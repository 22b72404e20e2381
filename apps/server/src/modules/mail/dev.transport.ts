import type { Logger } from '../../platform/logging/logger.ts';
import type { MailOutbox } from './dev-outbox.ts';
import type { MailTransport } from './mail-transport.ts';

/**
 * Development and tests without SMTP_URL: nothing leaves the machine. Each
 * message is written to the log in full, links and their tokens included, on
 * purpose: that is how a developer follows an invitation or a password reset
 * locally. config.ts refuses production without SMTP_URL, so this transport
 * never runs there.
 */
export function createDevTransport(log: Logger, outbox: MailOutbox): MailTransport {
  return {
    async send(message) {
      outbox.add(message);
      log.info(
        { mail: { id: message.id, type: message.type, locale: message.locale, from: message.from, to: message.to, subject: message.subject, text: message.text } },
        'mail not sent (development transport); also listed at GET /api/v1/dev/outbox',
      );
      return { accepted: [...message.to], rejected: [] };
    },
    close: async () => undefined,
  };
}
