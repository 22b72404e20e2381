/** The outbox of domain events: written with the change that causes them, read by automations and webhooks. */
export { recordEvent, eventWriteStep, DOMAIN_EVENT_TYPES, type DomainEventType } from './record-event.ts';
export { listDomainEvents, type DomainEventRow } from './domain-event.repository.ts';
