import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, mailTasks, queueMail, type Mailer, type MailOutcome, type MailRequest, type MailType } from '../../src/modules/mail/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import type { JobRunner } from '../../src/platform/jobs/job-runner.ts';
import { listFailedJobs } from '../../src/platform/jobs/jobs.repository.ts';
import { testConfig } from '../app.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from '../jobs/harness.ts';
import { parseMail } from './mime.ts';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server.ts';

let h: JobsHarness;
let smtp: SmtpTestServer | undefined;
const mailers: Mailer[] = [];
beforeEach(async () => {
  h = await jobsHarness();
});
afterEach(async () => {
  await h.close();
  await Promise.all(mailers.splice(0).map((m) => m.close()));
  await smtp?.close();
  smtp = undefined;
});

const storeName = `Kaffee & "Kuchen" <b>GmbH</b>`;
const invitation = (to: string | string[], token = 'invite-token-1'): MailRequest<'staff_invitation'> => ({
  type: 'staff_invitation',
  to,
  locale: 'de-AT',
  variables: { storeName, inviterName: 'Ann', token, expiresInHours: 48 },
});

/** A worker sending through `smtpUrl`; `outcomes` collects the outcome of every attempt. */
async function startMailWorker(smtpUrl: string): Promise<{ outcomes: MailOutcome[]; runner: JobRunner }> {
  const config = testConfig({ SMTP_URL: smtpUrl, MAIL_FROM: 'Kaffee Shop <orders@shop.example>', PUBLIC_URL: 'https://shop.example.com' }, h.db.url);
  const mailer = createMailer(config, h.log);
  mailers.push(mailer);
  const outcomes: MailOutcome[] = [];
  mailer.onAttempt((_type, outcome) => outcomes.push(outcome));
  const runner = await h.startRunner(mailTasks({ mailer, config, db: h.database.db, jobQueue: h.queue }));
  return { outcomes, runner };
}

const queue = <T extends MailType>(request: MailRequest<T>) => inTransaction(h.database.db, { tenantId: null }, (tx) => queueMail(tx, h.queue, request));

const firstJobFailedOnce = async () => {
  const [job] = await h.jobs();
  return job?.attempts === 1 && job.locked_at === null;
};

describe('mail over SMTP', () => {
  it('delivers a mail queued in a committed transaction exactly once: recipients, subject, text and HTML in the reader’s language, variables escaped', async () => {
    smtp = await startSmtpServer();
    await startMailWorker(smtp.url);
    const { messageId } = await queue(invitation(['ann@example.com', 'bob@example.com']));

    await waitFor(() => smtp!.received.length === 1, 10_000, 'the message');
    await sleep(1_000);
    expect(smtp.received).toHaveLength(1);
    expect(await h.jobs()).toEqual([]);

    const [delivered] = smtp.received;
    expect(delivered).toMatchObject({ from: 'orders@shop.example', to: ['ann@example.com', 'bob@example.com'] });
    const mail = parseMail(delivered!.raw);
    expect(mail.headers['message-id']).toBe(`<${messageId}@shop.example>`);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.subject).toBe(`Einladung zu ${storeName}`);
    const link = 'https://shop.example.com/admin/accept-invitation#token=invite-token-1';
    expect(mail.text).toContain(`Ann hat Sie eingeladen, ${storeName} auf Winkel mitzuverwalten.`);
    expect(mail.text).toContain(`Einladung annehmen: ${link}`);
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('Kaffee &amp; &quot;Kuchen&quot; &lt;b&gt;GmbH&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>GmbH</b>');
    expect(mail.html).toContain(`href="${link}"`);

    // The send is logged by Message-ID, without the addresses or the token.
    expect(h.logs.find((l) => l.msg === 'mail sent')).toMatchObject({ mail: { id: messageId, type: 'staff_invitation', locale: 'de', recipients: 2, rejected: 0 } });
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain('ann@example.com');
    expect(logged).not.toContain('invite-token-1');
  });

  it('sends nothing for a mail queued in a transaction that rolled back', async () => {
    smtp = await startSmtpServer();
    await startMailWorker(smtp.url);
    await expect(
      inTransaction(h.database.db, { tenantId: null }, async (tx) => {
        await queueMail(tx, h.queue, invitation('rolled-back@example.com', 'rolled-back-token'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await queue(invitation('committed@example.com'));

    await waitFor(() => smtp!.received.length === 1, 10_000, 'the committed message');
    await sleep(1_000);
    expect(smtp.received.map((m) => m.to)).toEqual([['committed@example.com']]);
  });

  it('logs in with the credentials in SMTP_URL, retries a failed login, and never logs either password', async () => {
    const pass = 'Corr3ct/pass:w@rd';
    smtp = await startSmtpServer({ auth: { user: 'mailer@shop.example', pass } });
    const good = await startMailWorker(smtp.url);
    await queue(invitation('ann@example.com'));
    await waitFor(() => smtp!.received.length === 1, 10_000, 'the message');
    expect(smtp.received[0]!.user).toBe('mailer@shop.example');
    // The server has the message before the worker has its answer and counts the outcome.
    await waitFor(() => good.outcomes.length === 1, 10_000, 'the outcome');
    expect(good.outcomes).toEqual(['sent']);
    await good.runner.stop();

    const wrong = 'Wr0ng-pass-7c1d';
    const bad = await startMailWorker(smtp.url.replace(encodeURIComponent(pass), wrong));
    await queue(invitation('bob@example.com'));
    await waitFor(firstJobFailedOnce, 10_000, 'the job to fail once');
    expect(bad.outcomes).toEqual(['temporary_failure']);
    const [job] = await h.jobs();
    expect(job!.last_error).toMatch(/^temporary delivery failure: .*535/);
    expect((await listFailedJobs(h.database.db)).jobs).toEqual([]);

    const everything = JSON.stringify(h.logs) + JSON.stringify(await h.jobs());
    for (const secret of [pass, encodeURIComponent(pass), wrong]) expect(everything).not.toContain(secret);
  });

  it('retries a 4xx reply with the queue’s backoff and delivers on a later attempt', async () => {
    smtp = await startSmtpServer();
    const { outcomes } = await startMailWorker(smtp.url);
    smtp.refuseNext({ code: 451, message: '4.3.0 Try again later' });
    await queue(invitation('ann@example.com'));

    await waitFor(firstJobFailedOnce, 10_000, 'the first attempt to fail');
    const [job] = await h.jobs();
    expect(job!.last_error).toMatch(/^temporary delivery failure: .*451/);
    expect(job!.due_in).toBeGreaterThan(1);
    expect(smtp.received).toEqual([]);

    await h.makeDue();
    await waitFor(() => smtp!.received.length === 1, 10_000, 'the retry to deliver');
    await waitFor(async () => (await h.jobs()).length === 0, 5_000, 'the job to complete');
    expect(outcomes).toEqual(['temporary_failure', 'sent']);
    expect(smtp.refused).toBe(1);
  });

  it('fails a 5xx reply permanently: tried once, kept, and listed as failed', async () => {
    smtp = await startSmtpServer();
    const { outcomes } = await startMailWorker(smtp.url);
    smtp.refuseNext({ code: 550, message: '5.1.1 Mailbox unavailable' }, { code: 550, message: '5.1.1 Mailbox unavailable' });
    const { id } = await queue(invitation('nobody@example.com'));

    await waitFor(async () => (await listFailedJobs(h.database.db)).jobs.length === 1, 10_000, 'the job to fail');
    await h.makeDue();
    await sleep(500);
    const { jobs } = await listFailedJobs(h.database.db);
    expect(jobs[0]).toMatchObject({ id, task: 'mail.send', attempts: 1, maxAttempts: 1, lastError: expect.stringMatching(/^permanent delivery failure: .*550/) });
    expect(smtp.refused).toBe(1);
    expect(smtp.received).toEqual([]);
    expect(outcomes).toEqual(['permanent_failure']);
  });
});
