import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorLabel, type Actor } from '../context.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import './authenticate.ts';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  payloadBytes,
  readIdempotencyKey,
  replayableHeaders,
  requestFingerprint,
  sha256Hex,
} from './idempotency-key.ts';
import type { StoredResponse } from './idempotency.repository.ts';
import { createIdempotencyStore, type Claim, type IdempotencySettings } from './idempotency-store.ts';
import type { IdempotencyCaller } from './route-config.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on idempotent routes that received a key: the request's fingerprint and, once claimed, the claim. */
    idempotency: { fingerprint: string; claim?: Claim } | null;
  }
}

const FIELD = `headers.${IDEMPOTENCY_KEY_HEADER}`;
/** Longer client names (a route's own token digests) are hashed into the key's row instead. */
const MAX_CLIENT_LENGTH = 128;

/** The client part of a key's scope for an actor; null for a guest, who has no identity of their own. */
export function idempotencyClientOf(actor: Actor): string | null {
  return actor.kind === 'guest' ? null : actorLabel(actor);
}

function callerOf(request: FastifyRequest): IdempotencyCaller | null {
  const option = request.routeOptions.config?.idempotent;
  if (!option) return null;
  if (option !== true) return option.scope(request);
  const principal = request.principal;
  const client = principal ? idempotencyClientOf(principal.actor) : null;
  return principal && client ? { tenantId: principal.tenantId, client } : null;
}

const fingerprintOf = (request: FastifyRequest) => requestFingerprint({ params: request.params, query: request.query, body: request.body });

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return reply.send(response.body);
}

/**
 * Idempotency-Key for routes that opt in with `config.idempotent`. In the order of a request:
 * preValidation (after authentication) fingerprints params, query and body as the client sent
 * them; preHandler (after every guard and the schema validation) checks the key, then claims it
 * or answers with the stored response (409 while the first request still runs, 422 when the key
 * was used for a different request); onSend keeps 2xx–4xx answers byte for byte, and gives the
 * key up after a 5xx so that a retry runs again. Requests without the header are untouched.
 */
export function registerIdempotency(app: FastifyInstance, db: Db, settings: IdempotencySettings): void {
  const store = createIdempotencyStore(db, settings);
  app.decorateRequest('idempotency', null);

  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent === true && !route.config.permission) {
      throw new Error(`${String(route.method)} ${route.url}: idempotent: true needs config.permission; give idempotent.scope instead`);
    }
  });

  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.config?.idempotent || request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) return;
    request.idempotency = { fingerprint: fingerprintOf(request) };
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const header = readIdempotencyKey(request.headers);
    if (header.kind === 'absent') return;
    if (header.kind === 'invalid') {
      throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.', [{ path: FIELD, message: 'must be 1 to 255 printable ASCII characters' }]);
    }
    const caller = callerOf(request);
    if (!caller) {
      throw new DomainError('IDEMPOTENCY_CLIENT_REQUIRED', 'An Idempotency-Key needs a known client here: sign in, or send what identifies your session.', [{ path: FIELD, message: 'cannot be used without a client identity' }]);
    }
    const client = caller.client.length > MAX_CLIENT_LENGTH ? `sha256:${sha256Hex(caller.client)}` : caller.client;
    const fingerprint = request.idempotency?.fingerprint ?? fingerprintOf(request);
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
    const outcome = await store.claim({ tenantId: caller.tenantId, client, key: header.key, method: request.method, route, requestHash: fingerprint });
    switch (outcome.kind) {
      case 'claimed':
        request.idempotency = { fingerprint, claim: outcome.claim };
        return;
      case 'replay':
        request.log.info({ idempotencyKey: header.key }, 'idempotent request replayed');
        return replay(reply, outcome.response);
      case 'in_flight':
        throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry later.', [{ path: FIELD, message: 'is in use by a request still running' }], 1);
      case 'mismatch':
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request (another body, path or method); use a new key.', [{ path: FIELD, message: 'was used for a different request' }]);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency?.claim;
    if (!claim) return payload;
    request.idempotency = null;
    const body = payloadBytes(payload);
    try {
      if (reply.statusCode >= 500 || body === null) {
        if (body === null) request.log.warn('idempotent route answered with a stream, which cannot be kept; key released');
        await store.release(claim);
      } else if (!(await store.complete(claim, { status: reply.statusCode, headers: replayableHeaders(reply.getHeaders()), body }))) {
        request.log.warn({ idempotencyKey: claim.key }, 'idempotency key was taken over before its answer was stored');
      }
    } catch (err) {
      // The answer still goes out; the key stays in flight until its lease ends.
      request.log.error({ err, idempotencyKey: claim.key }, 'could not store the idempotent answer');
    }
    return payload;
  });
}
