import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, statusForCode, type FieldError } from '../errors.ts';
import { isDatabaseBusy } from './database-busy.ts';
import { sendProblem } from './problem.ts';

/** Fastify's own client errors, by code: what we call them and what we tell the client. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than this server accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', detail: 'The Content-Length header does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', detail: 'The body is empty but the Content-Type says JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', detail: 'The body is not valid JSON.' },
};

function validationErrors(error: FastifyError): FieldError[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const pointer = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
    return { path: pointer ? `${context}.${pointer}` : context, message: v.message ?? 'is invalid' };
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return sendProblem(request, reply, statusForCode(error.code), error.code, error.detail, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const errors = validationErrors(error);
      const where = errors.map((e) => e.path).join(', ');
      return sendProblem(request, reply, 422, 'VALIDATION_FAILED', `The request is not valid: ${where}.`, errors);
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return sendProblem(request, reply, error.statusCode ?? 400, known.code, known.detail);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(request, reply, 400, 'MALFORMED_JSON', 'The body is not valid JSON.');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
      return sendProblem(request, reply, status, error.code ?? 'BAD_REQUEST', error.message);
    }
    if (isDatabaseBusy(error)) {
      request.log.warn({ err: error }, 'database too busy for the request');
      reply.header('retry-after', '1');
      return sendProblem(request, reply, 503, 'SERVICE_BUSY', 'The service is too busy to answer right now; nothing was changed. Try again in a moment.');
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, 500, 'INTERNAL', `Something went wrong on our side. Quote request id ${request.id} when reporting it.`);
  });
}
