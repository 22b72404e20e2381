import type { Config } from '../../config.ts';
import { defineTask, PermanentJobError, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { renderMail } from './mail-catalog.ts';
import { MailDeliveryError } from './mail-failure.ts';
import { resolveMailLocale } from './mail-locale.ts';
import { mailJobPayload } from './mail-payload.ts';
import { MAIL_SEND_TASK } from './mail.queue.ts';
import type { Mailer } from './mailer.ts';

export interface MailTaskDeps {
  mailer: Mailer;
  config: Config;
}

/**
 * Renders a queued message and sends it. A temporary failure throws, and the
 * queue retries with its backoff; a permanent one fails the job at once and
 * keeps it (`winkel jobs failed`). Like every job it may run twice (a crash
 * after the send, before the job is marked done); the stable Message-ID lets
 * receiving servers drop the duplicate.
 */
export function mailSendTask({ mailer, config }: MailTaskDeps): TaskDefinition {
  return defineTask(MAIL_SEND_TASK, mailJobPayload, async (ctx, payload) => {
    const rendered = renderMail(payload.type, payload.variables, resolveMailLocale(payload.locale), { publicUrl: config.publicUrl });
    const message = { id: payload.messageId, type: payload.type, from: config.mail.from, to: payload.to, ...rendered };
    try {
      const sent = await mailer.send(message);
      // Addresses stay out of the log; the Message-ID finds the message in the mail server's logs.
      const fields = { mail: { id: message.id, type: message.type, locale: message.locale, recipients: message.to.length, rejected: sent.rejected.length } };
      if (sent.rejected.length > 0) ctx.log.warn(fields, 'mail sent, but the server refused some recipients');
      else ctx.log.info(fields, 'mail sent');
    } catch (err) {
      if (err instanceof MailDeliveryError && err.permanent) throw new PermanentJobError(err.message, { cause: err });
      throw err;
    }
  });
}

/** Every job task of the mail module. */
export function mailTasks(deps: MailTaskDeps): TaskDefinition[] {
  return [mailSendTask(deps)];
}
