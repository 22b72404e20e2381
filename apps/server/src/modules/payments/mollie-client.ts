import { ProviderRefused } from './provider-errors.ts';

/**
 * Calls to Mollie's REST API (v2) over fetch. The official @mollie/api-client cannot be used here:
 * it always sends through an https agent pinned to its own CA bundle (so no local fake server
 * in tests), sets no request timeout, and retries 5xx answers itself with 2 s pauses.
 */

/**
 * Mollie answered no (a 4xx other than 429), or the adapter refused what Mollie would refuse:
 * trying again the same way will not help. `status` is Mollie's HTTP status, null when Mollie was not asked.
 */
export class MollieRefused extends ProviderRefused {
  override name = 'MollieRefused';
  constructor(
    code: string,
    message: string,
    readonly status: number | null,
    /** The request field objected to, e.g. `amount`, `redirectUrl`. */
    readonly field: string | null = null,
  ) {
    super(code, message);
  }
}

/** No usable answer: a network failure, a timeout, a 5xx or 429, or an answer that cannot be read. Trying later may work. */
export class MollieUnavailable extends Error {
  override name = 'MollieUnavailable';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Mollie's API base (MOLLIE_API_URL's default): scheme, host and port only; the adapter adds the API version. */
export const MOLLIE_API_URL = 'https://api.mollie.com';
/** The version of Mollie's API the adapter speaks; every request path goes under it. */
const API_VERSION = '/v2';
export const MOLLIE_TIMEOUT_MS = 10_000;

export interface MollieConnection {
  /** Mollie's API base without the version, e.g. https://api.mollie.com or a local fake's address. */
  apiUrl: string;
  timeoutMs: number;
}

export interface MollieRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** Mollie stores the first answer per key and replays it to retries. */
  idempotencyKey?: string;
}

/** Sends one request with the store's API key and returns Mollie's JSON answer; throws MollieRefused or MollieUnavailable otherwise. */
export async function callMollie(connection: MollieConnection, apiKey: string, request: MollieRequest): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/hal+json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  const seconds = connection.timeoutMs / 1000;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${connection.apiUrl.replace(/\/+$/, '')}${API_VERSION}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(connection.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new MollieUnavailable(`Mollie did not answer within ${seconds} s`, null);
    }
    throw new MollieUnavailable(`Could not reach Mollie (${networkReason(error)})`, null);
  }
  const json = parseJson(text);
  if (response.ok) {
    if (json === undefined) throw new MollieUnavailable(`Mollie answered ${response.status} with a body that is not JSON`, response.status);
    return json;
  }
  throw errorFromAnswer(response.status, json, apiKey);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Mollie's errors are HAL: `{ status, title, detail, field? }`. */
function errorFromAnswer(status: number, body: unknown, apiKey: string): MollieRefused | MollieUnavailable {
  const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const title = typeof error.title === 'string' ? error.title : 'Error';
  // Mollie does not echo keys, but a message can end up in logs, so make sure.
  const detail = typeof error.detail === 'string' ? redact(error.detail, apiKey) : null;
  const field = typeof error.field === 'string' ? error.field : null;
  const said = `(${status} ${title})${detail ? `: ${detail}` : ''}${field ? ` (field ${field})` : ''}`;
  if (status >= 500 || status === 429) return new MollieUnavailable(`Mollie could not handle the request ${said}`, status);
  if (status === 401) return new MollieRefused('api_key_rejected', 'Mollie refused the store’s API key (401 Unauthorized): check the key in the store’s Mollie settings', 401);
  const code = status === 404 ? 'not_found' : status === 422 ? (field ? `invalid_${field.replace(/\W+/g, '_')}` : 'invalid_request') : `http_${status}`;
  return new MollieRefused(code, `Mollie refused the request ${said}`, status, field);
}

function redact(text: string, apiKey: string): string {
  const withoutKey = apiKey ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\b(test|live|access)_[A-Za-z0-9]{20,}/g, '[redacted]');
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : 'unknown network error';
}
