import type { OutgoingMail } from './mail-transport.ts';

export interface OutboxMessage extends OutgoingMail {
  sentAt: string;
}

/** The development transport's last messages, newest first, in this process's memory. */
export interface MailOutbox {
  add(message: OutgoingMail): void;
  list(): OutboxMessage[];
}

export function createDevOutbox(capacity: number): MailOutbox {
  const messages: OutboxMessage[] = [];
  return {
    add(message) {
      messages.unshift({ ...message, to: [...message.to], sentAt: new Date().toISOString() });
      messages.length = Math.min(messages.length, capacity);
    },
    list: () => messages.map((m) => ({ ...m, to: [...m.to] })),
  };
}
