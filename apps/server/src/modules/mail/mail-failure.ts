/** A send that failed, and whether sending the same message again can succeed. */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The fields nodemailer puts on its errors (all optional). */
interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

/**
 * Permanent: the server refused this message for good (a 5xx reply other than
 * 503, or an envelope with no usable recipient). Everything else is worth a
 * retry: 4xx replies, connection and TLS failures, timeouts. A failed login is
 * retried too (as is 530, authentication required), although the reply is
 * 5xx: the deployment is at fault, not the message, and once SMTP_URL is
 * fixed the waiting retries deliver.
 */
export function isPermanentSmtpFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, responseCode, permanent } = err as SmtpErrorFields;
  if (code === 'EAUTH' || code === 'ENOAUTH' || responseCode === 530) return false;
  if (typeof permanent === 'boolean') return permanent;
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode !== 503;
  return code === 'EENVELOPE';
}

export function toDeliveryError(err: unknown): MailDeliveryError {
  if (err instanceof MailDeliveryError) return err;
  const permanent = isPermanentSmtpFailure(err);
  const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 300) ?? '';
  return new MailDeliveryError(`${permanent ? 'permanent' : 'temporary'} delivery failure: ${reason}`, permanent, { cause: err });
}
