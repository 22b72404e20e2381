import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, mailBatchTask, mailTasks, queueMails, type Mailer, type MailOutcome, type MailRequest } from '../../src/modules/mail/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { listFailedJobs } from '../../src/platform/jobs/jobs.repository.ts';
import { testConfig } from '../app.ts';
import { jobsHarness, sleep, waitFor, type JobsHarness } from '../jobs/harness.ts';
import { parseMail } from './mime.ts';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server.ts';

let h: JobsHarness;
let smtp: SmtpTestServer;
const mailers: Mailer[] = [];
beforeEach(async () => {
  h = await jobsHarness();
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await h.close();
  await Promise.all(mailers.splice(0).map((m) => m.close()));
  await smtp.close();
});

const codeMail = (i: number): MailRequest<'login_code'> => ({ type: 'login_code', to: `reader-${i}@example.com`, locale: 'en', variables: { code: String(100000 + i), expiresInMinutes: 10 } });
const mailsTo = (count: number) => Array.from({ length: count }, (_, i) => codeMail(i));

async function startMailWorker(): Promise<MailOutcome[]> {
  const config = testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Shop <orders@shop.example>' }, h.db.url);
  const mailer = createMailer(config, h.log);
  mailers.push(mailer);
  const outcomes: MailOutcome[] = [];
  mailer.onAttempt((_type, outcome) => outcomes.push(outcome));
  await h.startRunner(mailTasks({ mailer, config, db: h.database.db, jobQueue: h.queue }));
  return outcomes;
}

const queued = async () =>
  (await h.database.db.execute<{ task: string; payload: { mails?: Array<{ messageId: string; to: string[] }>; messageId?: string; to?: string[] } }>(sql`
    select t.identifier as task, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id order by j.id`)).rows;

const received = (to: string) => smtp.received.filter((m) => m.to.includes(to));

describe('mails queued together', () => {
  it('are one mail.send-batch job per hundred messages, in the caller’s transaction', async () => {
    await inTransaction(h.database.db, { tenantId: null }, (tx) => queueMails(tx, h.queue, mailsTo(250)));
    const jobs = await queued();
    expect(jobs.map((j) => [j.task, j.payload.mails?.length])).toEqual([['mail.send-batch', 100], ['mail.send-batch', 100], ['mail.send-batch', 50]]);
    const ids = jobs.flatMap((j) => j.payload.mails!.map((m) => m.messageId));
    expect(new Set(ids).size).toBe(250);

    await expect(
      inTransaction(h.database.db, { tenantId: null }, async (tx) => {
        await queueMails(tx, h.queue, mailsTo(3));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await queued()).toHaveLength(3);
  });

  it('are each delivered once, with their own Message-ID, and the job is done', async () => {
    const outcomes = await startMailWorker();
    await inTransaction(h.database.db, { tenantId: null }, (tx) => queueMails(tx, h.queue, mailsTo(9)));
    const [batch] = await queued();

    await waitFor(() => smtp.received.length === 9, 10_000, 'nine messages');
    await waitFor(async () => (await queued()).length === 0, 5_000, 'the batch job to complete');
    await sleep(300);
    expect(smtp.received).toHaveLength(9);
    for (const mail of batch!.payload.mails!) {
      const [delivered] = received(mail.to[0]!);
      expect(parseMail(delivered!.raw).headers['message-id']).toBe(`<${mail.messageId}@shop.example>`);
    }
    expect(outcomes).toEqual(Array(9).fill('sent'));
  });

  it('queue a message the server refuses as its own mail.send job, and send the others exactly once', async () => {
    const outcomes = await startMailWorker();
    smtp.refuseNextTo('reader-2@example.com', { code: 451, message: '4.3.0 Try again later' });
    smtp.refuseNextTo('reader-4@example.com', { code: 550, message: '5.1.1 Mailbox unavailable' }, { code: 550, message: '5.1.1 Mailbox unavailable' });
    await inTransaction(h.database.db, { tenantId: null }, (tx) => queueMails(tx, h.queue, mailsTo(6)));
    const [batch] = await queued();
    const idOf = (i: number) => batch!.payload.mails!.find((m) => m.to[0] === `reader-${i}@example.com`)!.messageId;

    // The refused messages come back as single jobs with the Message-IDs they were queued with.
    await waitFor(async () => {
      const jobs = await queued();
      return jobs.length === 2 && jobs.every((j) => j.task === 'mail.send');
    }, 10_000, 'the two refused messages as mail.send jobs');
    expect((await queued()).map((j) => j.payload.messageId).sort()).toEqual([idOf(2), idOf(4)].sort());
    expect(h.logs.filter((l) => l.msg === 'mail of a batch not sent: queued again as its own mail.send job').map((l) => l.permanent).sort()).toEqual([false, true]);

    // Each refusal is then handled as for a single message: the 4xx is retried and delivered, the 5xx kept as failed.
    await h.makeDue();
    await waitFor(async () => (await listFailedJobs(h.database.db)).jobs.length === 1, 10_000, 'the 5xx message to fail for good');
    await waitFor(() => received('reader-2@example.com').length === 1, 10_000, 'the 4xx message on its retry');
    const [failed] = (await listFailedJobs(h.database.db)).jobs;
    expect(failed).toMatchObject({ task: 'mail.send', lastError: expect.stringMatching(/^permanent delivery failure: .*550/) });

    for (const i of [0, 1, 2, 3, 5]) expect(received(`reader-${i}@example.com`)).toHaveLength(1);
    expect(received('reader-4@example.com')).toEqual([]);
    expect(smtp.refused).toBe(3);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(5);
    expect(outcomes.filter((o) => o !== 'sent').sort()).toEqual(['permanent_failure', 'permanent_failure', 'temporary_failure']);
    // Addresses stay out of the log.
    expect(JSON.stringify(h.logs)).not.toContain('reader-4@example.com');
  });

  it('are queued again one by one, unsent, when the worker stops before sending them', async () => {
    const config = testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Shop <orders@shop.example>' }, h.db.url);
    const mailer = createMailer(config, h.log);
    mailers.push(mailer);
    await inTransaction(h.database.db, { tenantId: null }, (tx) => queueMails(tx, h.queue, mailsTo(5)));
    const [batch] = await queued();
    const stopping = new AbortController();
    stopping.abort();

    const task = mailBatchTask({ mailer, config, db: h.database.db, jobQueue: h.queue });
    await task.run(systemCtx(h.log, 'test', null), batch!.payload, { id: '1', attempt: 1, maxAttempts: 3, signal: stopping.signal });

    expect(smtp.received).toEqual([]);
    const singles = (await queued()).filter((j) => j.task === 'mail.send');
    expect(singles.map((j) => j.payload.messageId).sort()).toEqual(batch!.payload.mails!.map((m) => m.messageId).sort());
  });
});
