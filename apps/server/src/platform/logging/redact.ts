/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEY = /pass(word)?|token|secret|api[_-]?key|authorization|cookie|card|cvc|cvv|iban|otp/i;

export const REDACTED = '[redacted]';

/** Whether a field of this name holds a secret (log lines and audit diffs mask it). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  // Class instances (requests, errors) are left to pino's serializers, which pick safe fields.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
}
