/**
 * Latencies in a fixed number of buckets, so a long run keeps no list of samples. Below 1,024 µs
 * every microsecond has its bucket; above, each power of two is split into 512 buckets (an error
 * under 0.2 %). Values past MAX_MICROS (a minute) land in the last bucket.
 */
const LINEAR = 1024;
const SUB_BUCKETS = 512;
const MAX_MICROS = 60_000_000;

function bucketOf(micros: number): number {
  const v = Math.min(MAX_MICROS, Math.max(0, Math.round(micros)));
  if (v < LINEAR) return v;
  const exponent = 31 - Math.clz32(v) - 9; // 1 for [1024, 2048)
  return LINEAR + (exponent - 1) * SUB_BUCKETS + (Math.floor(v / 2 ** exponent) - SUB_BUCKETS);
}

/** The upper edge of a bucket, in µs. */
function valueOf(bucket: number): number {
  if (bucket < LINEAR) return bucket;
  const exponent = Math.floor((bucket - LINEAR) / SUB_BUCKETS) + 1;
  const step = (bucket - LINEAR) % SUB_BUCKETS;
  return (SUB_BUCKETS + step + 1) * 2 ** exponent - 1;
}

export class Histogram {
  private readonly counts = new Float64Array(bucketOf(MAX_MICROS) + 1);
  private total = 0;

  recordMs(ms: number): void {
    this.counts[bucketOf(ms * 1000)]! += 1;
    this.total += 1;
  }

  get count(): number {
    return this.total;
  }

  /** The latency (ms) that p percent of the recorded values are at or below; 0 when empty. */
  percentileMs(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return valueOf(bucket) / 1000;
    }
    return MAX_MICROS / 1000;
  }
}
