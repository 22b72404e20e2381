import { parseArgs } from 'node:util';
import { systemCtx } from '../../platform/context.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { CreateStoreInput, StoreService } from './store.service.ts';

export const STORE_USAGE = `  store create --name NAME --handle HANDLE --owner-email EMAIL [--owner-name NAME]
               [--currency EUR] [--locale en] [--timezone UTC]
                             create a store and its owner; prints a one-time link to set the owner's password`;

export type StoreCommand = { action: 'create'; input: CreateStoreInput };

/** Parses the words after `winkel store`; a string is what is wrong with them. */
export function parseStoreCommand(args: readonly string[]): StoreCommand | string {
  const [action, ...rest] = args;
  if (action !== 'create') return 'store takes create';
  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        name: { type: 'string' },
        handle: { type: 'string' },
        'owner-email': { type: 'string' },
        'owner-name': { type: 'string' },
        currency: { type: 'string', default: 'EUR' },
        locale: { type: 'string', default: 'en' },
        timezone: { type: 'string', default: 'UTC' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return `store create: ${err instanceof Error ? err.message : String(err)}`;
  }
  const { name, handle } = values;
  const email = values['owner-email'];
  if (!name || !handle || !email) return 'store create needs --name, --handle and --owner-email';
  return {
    action: 'create',
    input: {
      name,
      handle,
      defaultCurrency: values.currency,
      locale: values.locale,
      timezone: values.timezone,
      owner: { email, name: values['owner-name'] ?? email.split('@')[0] ?? email },
    },
  };
}

/** Runs the command and returns what to print. The link is a secret for the owner: it is printed, never logged. */
export async function runStoreCommand(stores: StoreService, log: Logger, command: StoreCommand): Promise<string> {
  const created = await stores.createStore(systemCtx(log, 'cli'), command.input);
  return [
    `store created: ${created.handle}`,
    `  store id          ${created.storeId}`,
    `  publishable key   ${created.publishableKey}`,
    `  owner             ${command.input.owner.email}`,
    `  set the owner's password (once, within 7 days):`,
    `    ${created.setPasswordLink ?? '(the owner already has a password)'}`,
    '',
  ].join('\n');
}
