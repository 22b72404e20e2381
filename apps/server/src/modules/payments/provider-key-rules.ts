import type { FieldError } from '../../platform/errors.ts';
import type { OnlineProviderName } from './payments.tables.ts';

type Mode = 'test' | 'live';

interface KeyRule {
  pattern: (mode: Mode) => RegExp;
  /** What a valid value looks like; never the value itself. */
  expected: (mode: Mode) => string;
  required: boolean;
}

/** What each provider's keys look like, so a key of the wrong kind or mode is refused when it is saved. */
export const PROVIDER_KEY_RULES: Record<OnlineProviderName, Record<'apiKey' | 'publicKey' | 'webhookSecret', KeyRule>> = {
  stripe: {
    apiKey: { pattern: (m) => new RegExp(`^(sk|rk)_${m}_[A-Za-z0-9]{8,}$`), expected: (m) => `a Stripe secret or restricted key for ${m} mode (sk_${m}_… or rk_${m}_…)`, required: true },
    publicKey: { pattern: (m) => new RegExp(`^pk_${m}_[A-Za-z0-9]{8,}$`), expected: (m) => `a Stripe publishable key for ${m} mode (pk_${m}_…)`, required: true },
    webhookSecret: { pattern: () => /^whsec_[A-Za-z0-9+/=_-]{8,}$/, expected: () => "the signing secret of the store's Stripe webhook endpoint (whsec_…)", required: true },
  },
  mollie: {
    apiKey: { pattern: (m) => new RegExp(`^(${m}_|access_)[A-Za-z0-9]{20,}$`), expected: (m) => `a Mollie API key for ${m} mode (${m}_…) or an organisation access token (access_…)`, required: true },
    publicKey: { pattern: () => /^pfl_[A-Za-z0-9]{5,}$/, expected: () => 'a Mollie profile id (pfl_…)', required: false },
    webhookSecret: { pattern: () => /^[\x21-\x7e]{16,}$/, expected: () => 'at least 16 printable characters without spaces', required: false },
  },
};

export interface AccountKeys {
  mode: Mode;
  apiKey: string | null;
  publicKey: string | null;
  webhookSecret: string | null;
}

/** Every way the account's keys (as they will be saved) do not fit the provider and mode; empty when they do. */
export function keyProblems(provider: OnlineProviderName, keys: AccountKeys): FieldError[] {
  const problems: FieldError[] = [];
  for (const field of ['apiKey', 'publicKey', 'webhookSecret'] as const) {
    const rule = PROVIDER_KEY_RULES[provider][field];
    const value = keys[field];
    if (value === null) {
      if (rule.required) problems.push({ path: `body.${field}`, message: `is required for ${provider}: ${rule.expected(keys.mode)}` });
    } else if (!rule.pattern(keys.mode).test(value)) {
      problems.push({ path: `body.${field}`, message: `must be ${rule.expected(keys.mode)}` });
    }
  }
  return problems;
}

/** The last four characters of the key, so staff can tell which one is set. */
export const hintOf = (apiKey: string) => apiKey.slice(-4);
