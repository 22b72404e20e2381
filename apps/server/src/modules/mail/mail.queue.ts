import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import type { EnqueuedJob, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { MailType, MailVariables } from './mail-catalog.ts';
import { MAIL_BATCH_MAX, mailJobPayload } from './mail-payload.ts';

export const MAIL_SEND_TASK = 'mail.send';
/** Several messages in one job (queueMails); one that fails is queued again as its own `mail.send`. */
export const MAIL_SEND_BATCH_TASK = 'mail.send-batch';

export interface MailRequest<T extends MailType> {
  type: T;
  to: string | readonly string[];
  /** The reader's language (`de`, `nl-BE`, …); English when unsupported or left out. */
  locale?: string;
  /** The store the message is about, if any. */
  tenantId?: string | null;
  variables: MailVariables[T];
}

export interface QueuedMail extends EnqueuedJob {
  messageId: string;
}

function payloadOf<T extends MailType>(request: MailRequest<T>) {
  return mailJobPayload.parse({
    type: request.type,
    to: typeof request.to === 'string' ? [request.to] : [...request.to],
    locale: request.locale ?? 'en',
    ...(request.tenantId ? { tenantId: request.tenantId } : {}),
    variables: request.variables,
    messageId: uuidv7(),
  });
}

/**
 * Queues a message inside the caller's transaction: it is sent after that
 * transaction commits, and never if it rolls back. The variables are checked
 * now, so a mistake fails the caller rather than the job.
 */
export async function queueMail<T extends MailType>(tx: Tx, jobQueue: JobQueue, request: MailRequest<T>): Promise<QueuedMail> {
  const payload = payloadOf(request);
  const job = await jobQueue.enqueue(tx, MAIL_SEND_TASK, payload);
  return { ...job, messageId: payload.messageId };
}

/**
 * Queues several messages inside the caller's transaction, as queueMail does, but as
 * `mail.send-batch` jobs of up to MAIL_BATCH_MAX messages each, in one statement: a job per
 * message costs the queue a row to insert, fetch and delete for every one. Returns how many
 * messages it queued. How a batch is sent, and what happens to a message that fails:
 * mail-send.task.ts (mailBatchTask).
 */
export async function queueMails(tx: Tx, jobQueue: JobQueue, requests: ReadonlyArray<MailRequest<MailType>>): Promise<number> {
  const payloads = requests.map(payloadOf);
  const batches = [];
  for (let start = 0; start < payloads.length; start += MAIL_BATCH_MAX) batches.push({ mails: payloads.slice(start, start + MAIL_BATCH_MAX) });
  await jobQueue.enqueueMany(tx, MAIL_SEND_BATCH_TASK, batches);
  return payloads.length;
}
