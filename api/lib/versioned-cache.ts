// Per-app caches of values computed from a diagnosis's data (analysis evidence and results, the
// public summary), valid for the dataVersion they were computed at (any write to the data bumps it).
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

/**
 * The evidence of each diagnosis, reloaded when its dataVersion moves. A large diagnosis (its last
 * load took longer than `slowMs`) may answer from the evidence it has, at most `maxStaleMs` old,
 * while the new version loads in the background: with residents reporting every second, a
 * million-signal dashboard would otherwise reload on every request. Small ones are always fresh.
 */
export class EvidenceStore<T> {
  private entries = new Map<string, { version: number; value: T; loadedAt: number; loadMs: number }>();
  private loading = new Map<string, { version: number; promise: Promise<T> }>();

  constructor(
    private readonly opts: {
      maxEntries: number;
      slowMs: number;
      maxStaleMs: number;
      /** While answering stale, start a new load only once the held value is this old (default 0). */
      refreshAfterMs?: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.opts.now?.() ?? performance.now();
  }

  /** The evidence to answer with and the version it holds. */
  async get(key: string, version: number, load: () => Promise<T>): Promise<{ value: T; version: number }> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return { value: hit.value, version };
    const age = hit ? this.now() - hit.loadedAt : Infinity;
    if (hit && hit.version < version && hit.loadMs > this.opts.slowMs && age <= this.opts.maxStaleMs) {
      // Under a steady stream of writes the version moves all the time: reload now and then, not at every request.
      if (age >= (this.opts.refreshAfterMs ?? 0)) this.refresh(key, version, load).catch(() => undefined);
      return { value: hit.value, version: hit.version };
    }
    return { value: await this.refresh(key, version, load), version };
  }

  private refresh(key: string, version: number, load: () => Promise<T>): Promise<T> {
    const inFlight = this.loading.get(key);
    if (inFlight && inFlight.version >= version) return inFlight.promise;
    const started = this.now();
    const promise = load().then(
      (value) => {
        const current = this.entries.get(key);
        if (!current || current.version <= version) {
          this.entries.delete(key);
          this.entries.set(key, { version, value, loadedAt: this.now(), loadMs: this.now() - started });
          while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
        return value;
      },
      (err) => {
        if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, { version, promise });
    return promise;
  }
}
