// Per-app caches for analyses: the evidence of a diagnosis and each computed result, both
// valid only for the dataVersion they were computed at (any write to the evidence bumps it).
export class VersionedCache<T> {
  private entries = new Map<string, { version: number; value: Promise<T> }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh recency for the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.entries.set(key, { version, value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
