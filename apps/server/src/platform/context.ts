import type { Logger } from './logging/logger.ts';

/** Who acts: staff, an API key, a shopper, a device, or the system itself (jobs, CLI). */
export type Actor =
  | { kind: 'system'; name: string }
  | { kind: 'staff'; id: string }
  | { kind: 'api_key'; id: string }
  | { kind: 'customer'; id: string }
  | { kind: 'guest' }
  | { kind: 'device'; id: string };

/** How an actor is written down (history rows, events, idempotency scopes, jobs): `staff:<id>`, `system:<name>`, `guest`. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'guest':
      return 'guest';
    case 'system':
      return `system:${actor.name}`;
    default:
      return `${actor.kind}:${actor.id}`;
  }
}

/** Passed first to every service call, from HTTP, jobs, POS sync and the CLI alike. */
export interface Ctx {
  tenantId: string | null;
  actor: Actor;
  permissions: ReadonlySet<string>;
  requestId: string;
  log: Logger;
}

export function systemCtx(log: Logger, name: string, tenantId: string | null = null): Ctx {
  return { tenantId, actor: { kind: 'system', name }, permissions: new Set(['*']), requestId: `${name}-${Date.now()}`, log };
}
