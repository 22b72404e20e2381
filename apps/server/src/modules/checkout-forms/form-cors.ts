import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../platform/http/problem.ts';
import type { PublicForm, PublicFormService } from './public-form.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: @fastify/cors (which reads this key) leaves the route alone; public form routes answer CORS themselves. */
    cors?: false;
  }
  interface FastifyRequest {
    /** On public form routes, the published form the path names, once its origin check passed. */
    checkoutForm: PublicForm | null;
  }
}

/** Request headers a page may send, and response headers it may read. */
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key';
const EXPOSED_HEADERS = 'X-Request-ID, Retry-After, Idempotent-Replayed, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendProblem(request, reply, 404, 'CHECKOUT_FORM_NOT_FOUND', 'This store has no published checkout form at this address.');

/**
 * The published form the path names, when the request comes from a page on one of its allowed
 * origins; otherwise the answer (404, or 403 with nothing done) is sent and null returned. A request
 * without Origin is refused too: browsers send Origin on every cross-origin request, so one without
 * it does not come from a page that embeds the form.
 */
async function formForOrigin(forms: PublicFormService, request: FastifyRequest, reply: FastifyReply): Promise<PublicForm | null> {
  // Caches keep one answer per Origin: the headers below differ by it.
  reply.header('vary', 'Origin');
  const { storeId, slug } = request.params as { storeId?: string; slug?: string };
  if (!storeId || !UUID.test(storeId) || !slug || slug.length > 80) {
    await notFound(request, reply);
    return null;
  }
  const form = await forms.find(storeId, slug);
  if (!form) {
    await notFound(request, reply);
    return null;
  }
  const origin = request.headers.origin;
  if (!origin || !form.allowedOrigins.includes(origin)) {
    request.log.info({ checkoutFormId: form.id, origin: origin ?? null }, 'checkout form request from an origin it does not allow');
    await sendProblem(request, reply, 403, 'CHECKOUT_FORM_ORIGIN_FORBIDDEN', 'This form is not served to this origin; nothing was done.', [
      { path: 'headers.origin', message: origin ? 'is not an origin this form allows' : 'is missing; the form answers pages on the origins it allows' },
    ]);
    return null;
  }
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  return form;
}

/** onRequest hook of GET and POST: 404/403 before anything else runs, and the CORS headers of an allowed origin. */
export function requireAllowedOrigin(forms: PublicFormService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const form = await formForOrigin(forms, request, reply);
    if (form) request.checkoutForm = form;
  };
}

/** The preflight answer for one path: the method it takes, and the headers above; never `*`. */
export function answerPreflight(forms: PublicFormService, method: 'GET' | 'POST') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await formForOrigin(forms, request, reply))) return reply;
    reply.header('access-control-allow-methods', method);
    reply.header('access-control-allow-headers', ALLOWED_HEADERS);
    reply.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
    return reply.code(204).send();
  };
}
