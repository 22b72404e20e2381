import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { defineTask, PermanentJobError, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import type { Ctx } from '../../platform/context.ts';
import { renderMail } from './mail-catalog.ts';
import { MailDeliveryError } from './mail-failure.ts';
import { resolveMailLocale } from './mail-locale.ts';
import { mailBatchPayload, mailJobPayload, type MailJobPayload } from './mail-payload.ts';
import { MAIL_SEND_BATCH_TASK, MAIL_SEND_TASK } from './mail.queue.ts';
import type { Mailer } from './mailer.ts';

export interface MailTaskDeps {
  mailer: Mailer;
  config: Config;
  /** Where a batch queues again the messages it could not send. */
  db: Db;
  jobQueue: JobQueue;
}

/** Messages of one batch in flight at once: enough to overlap a mail server's round trips, few enough not to look like a flood to it. */
const MAIL_BATCH_CONCURRENCY = 4;

/** Renders one queued message and sends it; throws MailDeliveryError, which says whether a retry can help. */
async function deliver(ctx: Ctx, { mailer, config }: Pick<MailTaskDeps, 'mailer' | 'config'>, payload: MailJobPayload): Promise<void> {
  const rendered = renderMail(payload.type, payload.variables, resolveMailLocale(payload.locale), { publicUrl: config.publicUrl });
  const message = { id: payload.messageId, type: payload.type, from: config.mail.from, to: payload.to, ...rendered };
  const sent = await mailer.send(message);
  // Addresses stay out of the log; the Message-ID finds the message in the mail server's logs.
  const fields = { mail: { id: message.id, type: message.type, locale: message.locale, recipients: message.to.length, rejected: sent.rejected.length } };
  if (sent.rejected.length > 0) ctx.log.warn(fields, 'mail sent, but the server refused some recipients');
  else ctx.log.info(fields, 'mail sent');
}

/**
 * Renders a queued message and sends it. A temporary failure throws, and the
 * queue retries with its backoff; a permanent one fails the job at once and
 * keeps it (`winkel jobs failed`). Like every job it may run twice (a crash
 * after the send, before the job is marked done); the stable Message-ID lets
 * receiving servers drop the duplicate.
 */
export function mailSendTask(deps: Pick<MailTaskDeps, 'mailer' | 'config'>): TaskDefinition {
  return defineTask(MAIL_SEND_TASK, mailJobPayload, async (ctx, payload) => {
    try {
      await deliver(ctx, deps, payload);
    } catch (err) {
      if (err instanceof MailDeliveryError && err.permanent) throw new PermanentJobError(err.message, { cause: err });
      throw err;
    }
  });
}

/**
 * Sends the messages of a `mail.send-batch` job, MAIL_BATCH_CONCURRENCY at a time. A message that
 * fails, for whatever reason, is queued again as its own `mail.send` job with the same Message-ID,
 * so it gets a single message's retries and its place in `winkel jobs failed` while the others
 * are not sent twice. When the worker is stopping, the messages not yet started are queued the same
 * way. Only if that queueing fails does the batch fail, and its retry sends every message again
 * (receiving servers drop the duplicates by Message-ID).
 */
export function mailBatchTask(deps: MailTaskDeps): TaskDefinition {
  return defineTask(MAIL_SEND_BATCH_TASK, mailBatchPayload, async (ctx, { mails }, job) => {
    const unsent: MailJobPayload[] = [];
    let next = 0;
    const sendInTurn = async () => {
      for (let i = next++; i < mails.length; i = next++) {
        const mail = mails[i]!;
        if (job.signal.aborted) {
          unsent.push(mail);
          continue;
        }
        try {
          await deliver(ctx, deps, mail);
        } catch (err) {
          unsent.push(mail);
          const permanent = err instanceof MailDeliveryError && err.permanent;
          ctx.log.warn({ mail: { id: mail.messageId, type: mail.type }, permanent }, 'mail of a batch not sent: queued again as its own mail.send job');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAIL_BATCH_CONCURRENCY, mails.length) }, sendInTurn));
    if (unsent.length > 0) await inTransaction(deps.db, { tenantId: null }, (tx) => deps.jobQueue.enqueueMany(tx, MAIL_SEND_TASK, unsent));
  });
}

/** Every job task of the mail module. */
export function mailTasks(deps: MailTaskDeps): TaskDefinition[] {
  return [mailSendTask(deps), mailBatchTask(deps)];
}
