import type { SMTPTransportOptions } from 'nodemailer';
import type { MailTransport } from './mail-transport.ts';

/**
 * SMTP_URL as nodemailer options. We parse it rather than hand nodemailer the
 * string, so the URL (and its password) can never surface in one of its error
 * messages. smtps:// is TLS from the first byte (port 465 by default);
 * smtp:// upgrades with STARTTLS whenever the server offers it (port 587).
 */
export function smtpOptions(smtpUrl: string): SMTPTransportOptions {
  const url = new URL(smtpUrl);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // A job waits for the send; nodemailer's defaults (up to 10 minutes of socket silence) would hold a worker slot far too long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** "Shop <orders@shop.example>" → "shop.example", for Message-IDs. */
export function senderDomain(from: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const options = smtpOptions(smtpUrl);
  // nodemailer (about 3 MB) is loaded with the first message, not at start-up: many processes never send one.
  const open = async () => (await import('nodemailer')).default.createTransport(options);
  let smtp: ReturnType<typeof open> | undefined;
  return {
    async send(message) {
      const transport = await (smtp ??= open());
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${message.id}@${senderDomain(message.from)}>`,
        // RFC 3834: tells mail servers and people's auto-responders not to answer.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      const address = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);
      return { accepted: info.accepted.map(address), rejected: info.rejected.map(address) };
    },
    close: async () => {
      if (smtp) (await smtp).close();
    },
  };
}
