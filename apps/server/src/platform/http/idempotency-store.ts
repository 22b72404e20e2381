import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Logger } from '../logging/logger.ts';
import * as repo from './idempotency.repository.ts';

export interface IdempotencySettings {
  /** How long a key and its answer are kept. */
  retentionSeconds: number;
  /** How long a claimed key stays locked while its request runs; past it, a retry may take the key over. */
  leaseSeconds: number;
}

export interface ClaimRequest extends repo.KeyRef {
  method: string;
  route: string;
  requestHash: string;
}

/** A key this request holds until it completes or releases it. */
export interface Claim extends repo.KeyRef {
  claimId: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'replay'; response: repo.StoredResponse }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

/** A key that vanished between the failed claim and the look (released, or expired and deleted) is claimed again, this often at most. */
const CLAIM_ATTEMPTS = 3;
/** Expired keys deleted per statement by the cleanup job. */
const CLEANUP_BATCH = 1000;

export function createIdempotencyStore(db: Db, settings: IdempotencySettings) {
  return {
    /** Claims the key, or says what to answer instead: the stored answer, "still running", or "used for another request". */
    async claim(request: ClaimRequest): Promise<ClaimOutcome> {
      const claimId = uuidv7();
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        const outcome = await inTransaction(db, { tenantId: request.tenantId }, async (tx): Promise<ClaimOutcome | null> => {
          const claimed = await repo.claimKey(tx, { ...request, claimId, leaseSeconds: settings.leaseSeconds, retentionSeconds: settings.retentionSeconds });
          if (claimed) return { kind: 'claimed', claim: { tenantId: request.tenantId, client: request.client, key: request.key, claimId } };
          // The claim statement waited for any transaction holding the row, so this fresh statement sees its outcome.
          const row = await repo.findKey(tx, request);
          if (!row) return null;
          if (row.method !== request.method || row.route !== request.route || row.requestHash !== request.requestHash) return { kind: 'mismatch' };
          if (row.state === 'in_flight' || row.responseStatus === null || row.responseBody === null) return { kind: 'in_flight' };
          return { kind: 'replay', response: { status: row.responseStatus, headers: row.responseHeaders ?? {}, body: row.responseBody } };
        });
        if (outcome) return outcome;
      }
      return { kind: 'in_flight' };
    },

    /** Keeps the answer for replay; false when the claim had been lost to a retry after its lease ran out. */
    complete(claim: Claim, response: repo.StoredResponse): Promise<boolean> {
      return inTransaction(db, { tenantId: claim.tenantId }, (tx) => repo.completeKey(tx, claim, claim.claimId, response, settings.retentionSeconds));
    },

    /** Forgets the claim, so that a retry with the same key runs the request again. */
    release(claim: Claim): Promise<boolean> {
      return inTransaction(db, { tenantId: claim.tenantId }, (tx) => repo.releaseKey(tx, claim, claim.claimId));
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

/** Deletes every store's expired keys, in batches; returns how many. Safe to run at any time, or twice at once. */
export async function deleteExpiredIdempotencyKeys(db: Db, log: Logger): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(db, { tenantId: null, platform: true }, (tx) => repo.deleteExpiredKeys(tx, CLEANUP_BATCH));
    total += n;
    if (n < CLEANUP_BATCH) break;
  }
  if (total > 0) log.info({ deleted: total }, 'expired idempotency keys deleted');
  return total;
}
