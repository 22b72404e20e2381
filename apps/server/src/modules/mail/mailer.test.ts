import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { createMailer, type MailOutcome } from './mailer.ts';
import type { OutgoingMail } from './mail-transport.ts';

function capture() {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger('info', sink), logs };
}

const message = (n: number): OutgoingMail => ({
  id: `id-${n}`,
  type: 'password_reset',
  locale: 'en',
  from: 'Winkel <no-reply@localhost>',
  to: ['ann@example.com', 'bob@example.com'],
  subject: `Reset ${n}`,
  text: `Follow https://shop.example.com/admin/reset-password#token=secret-${n}`,
  html: '<p>…</p>',
});

describe('the development transport', () => {
  it('writes each message to the log, link tokens included, and lists the last 50 in the outbox, newest first', async () => {
    const { log, logs } = capture();
    const mailer = createMailer(loadConfig({ NODE_ENV: 'development' }), log);
    const outcomes: MailOutcome[] = [];
    mailer.onAttempt((_type, outcome) => outcomes.push(outcome));
    for (let n = 1; n <= 52; n++) expect(await mailer.send(message(n))).toEqual({ accepted: ['ann@example.com', 'bob@example.com'], rejected: [] });

    const line = logs.find((l) => (l.mail as { id?: string } | undefined)?.id === 'id-1');
    expect(line).toMatchObject({ component: 'mail', mail: { type: 'password_reset', to: ['ann@example.com', 'bob@example.com'], subject: 'Reset 1', text: expect.stringContaining('#token=secret-1') } });
    const listed = mailer.outbox!.list();
    expect(listed).toHaveLength(50);
    expect(listed[0]).toMatchObject({ id: 'id-52', subject: 'Reset 52', html: '<p>…</p>', sentAt: expect.any(String) });
    expect(listed.at(-1)!.id).toBe('id-3');
    expect(outcomes).toEqual(Array(52).fill('sent'));
  });

  it('is never chosen in production, and SMTP_URL means no outbox', () => {
    const production = { ...loadConfig({ NODE_ENV: 'development' }), isProduction: true };
    expect(() => createMailer(production, capture().log)).toThrow(/SMTP_URL must be set in production/);
    expect(createMailer(loadConfig({ NODE_ENV: 'development', SMTP_URL: 'smtp://127.0.0.1:2525' }), capture().log).outbox).toBeNull();
  });
});
