import type { NotificationListener } from '../../platform/db/notification-listener.ts';
import type { Logger } from '../../platform/logging/logger.ts';

/** Sent by the database triggers of migration 0010 with the store's id, on commit of every change the storefront shows. */
export const CATALOG_CHANGED_CHANNEL = 'winkel_catalog_changed';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CatalogChangeSubscriber {
  /** The store's catalog, stock or settings changed (committed). */
  storeChanged(tenantId: string): void;
  /** Notices can be trusted (true: listening again, anything may have changed meanwhile) or not (false: connection lost). */
  trustChanged(trusted: boolean): void;
}

/**
 * Turns the database's change notices into invalidations of what this
 * process keeps. Every write path (API, CSV import, background jobs, SQL run
 * by hand as the application) fires the triggers, so nobody has to remember
 * to invalidate.
 */
export function followCatalogChanges(listener: NotificationListener, subscriber: CatalogChangeSubscriber, log: Logger): void {
  listener.onStateChange((listening) => subscriber.trustChanged(listening));
  listener.listen(CATALOG_CHANGED_CHANNEL, (payload) => {
    if (UUID.test(payload)) subscriber.storeChanged(payload.toLowerCase());
    else log.warn({ payload: payload.slice(0, 100) }, 'catalog change notice without a store id; ignored');
  });
  if (listener.isListening()) subscriber.trustChanged(true);
}
