/** A response ready to send: its bytes, strong ETag and headers are computed once, when it is built. */
export interface CachedResponse {
  status: number;
  body: Buffer;
  etag: string;
  headers: Readonly<Record<string, string>>;
}

/** Taken before a response is built; a store of its result is refused if the store's data changed meanwhile. */
export interface BuildTicket {
  tenantId: string;
  epoch: number;
  tenantGeneration: number;
}

interface Entry {
  tenantId: string;
  response: CachedResponse;
  expiresAt: number;
  bytes: number;
}

export interface ResponseCacheOptions {
  maxBytes: number;
  now?: () => number;
}

/** Bookkeeping per entry beyond its key and body (Map slot, headers, objects): an estimate, to keep the bound honest. */
const ENTRY_OVERHEAD_BYTES = 600;

/**
 * Storefront responses of this process, bounded by bytes, least recently used
 * dropped first. Invalidated per store (a change notice) or entirely (the
 * notice connection was lost); `disable` keeps it empty while notices cannot
 * be trusted to arrive.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysOfTenant = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private bytes = 0;
  private enabled = true;
  private readonly now: () => number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get(tenantId: string, key: string): CachedResponse | undefined {
    const fullKey = `${tenantId} ${key}`;
    const entry = this.entries.get(fullKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(fullKey);
      return undefined;
    }
    // Re-insert so the Map's order stays least recently used first.
    this.entries.delete(fullKey);
    this.entries.set(fullKey, entry);
    return entry.response;
  }

  ticket(tenantId: string): BuildTicket {
    return { tenantId, epoch: this.epoch, tenantGeneration: this.generations.get(tenantId) ?? 0 };
  }

  /** Keeps `response` until `expiresAt` unless the store changed since `ticket` was taken; false when not kept. */
  set(ticket: BuildTicket, key: string, response: CachedResponse, expiresAt: number): boolean {
    const { tenantId } = ticket;
    if (!this.enabled || expiresAt <= this.now()) return false;
    if (ticket.epoch !== this.epoch || ticket.tenantGeneration !== (this.generations.get(tenantId) ?? 0)) return false;
    const fullKey = `${tenantId} ${key}`;
    const bytes = response.body.length + fullKey.length * 2 + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.options.maxBytes / 4) return false;
    this.remove(fullKey);
    this.entries.set(fullKey, { tenantId, response, expiresAt, bytes });
    this.bytes += bytes;
    let keys = this.keysOfTenant.get(tenantId);
    if (!keys) this.keysOfTenant.set(tenantId, (keys = new Set()));
    keys.add(fullKey);
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest);
    }
    return true;
  }

  /** Drops the store's entries; builds of it already under way will not be kept. */
  invalidateTenant(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    for (const key of [...(this.keysOfTenant.get(tenantId) ?? [])]) this.remove(key);
  }

  /** Drops everything; builds already under way will not be kept. */
  clear(): void {
    this.epoch++;
    this.generations.clear();
    this.entries.clear();
    this.keysOfTenant.clear();
    this.bytes = 0;
  }

  /** While disabled nothing is kept (get always misses). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  private remove(fullKey: string): void {
    const entry = this.entries.get(fullKey);
    if (!entry) return;
    this.entries.delete(fullKey);
    this.bytes -= entry.bytes;
    const keys = this.keysOfTenant.get(entry.tenantId);
    keys?.delete(fullKey);
    if (keys?.size === 0) this.keysOfTenant.delete(entry.tenantId);
  }
}
