/** The mail module: templates, queueing inside a transaction, the mail.send job, and its transports. */
export { MAIL_TYPES, renderMail, type MailType, type MailVariables, type RenderedMessage } from './mail-catalog.ts';
export { MailDeliveryError } from './mail-failure.ts';
export { MAIL_LOCALES, resolveMailLocale, type MailLocale } from './mail-locale.ts';
export { registerMailMetrics } from './mail-metrics.ts';
export { mailBatchTask, mailSendTask, mailTasks, type MailTaskDeps } from './mail-send.task.ts';
export type { MailTransport, OutgoingMail, SentMail } from './mail-transport.ts';
export { MAIL_SEND_TASK, queueMail, queueMails, type MailRequest, type QueuedMail } from './mail.queue.ts';
export { registerDevOutboxRoute } from './mail.routes.ts';
export { createMailer, MAIL_OUTCOMES, type Mailer, type MailOutcome } from './mailer.ts';
export type { MailOutbox, OutboxMessage } from './dev-outbox.ts';
