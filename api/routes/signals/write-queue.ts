// Group commit: concurrent writes wait a moment and share one transaction, so the database pays
// one commit for many signals. Each caller still awaits its own result, given only after the
// commit. One batch is in flight at a time (SQLite has one writer); what arrives meanwhile forms
// the next batch. A failed batch is retried item by item so one bad row fails only its request.

export type BatchRunner<T, R> = (items: T[]) => Promise<R[]>;

export type WriteQueue<T, R> = {
  push(item: T): Promise<R>;
  /** Items waiting or in flight (for tests and metrics). */
  readonly size: number;
};

// setImmediate runs after the I/O phase, so every request parsed in this turn joins the batch.
const soon: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

export function createWriteQueue<T, R>(run: BatchRunner<T, R>, opts: { maxItems: number }): WriteQueue<T, R> {
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function runBatch(batch: Waiting[]) {
    try {
      const results = await run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0].reject(err);
        return;
      }
      for (const w of batch) {
        try {
          const [r] = await run([w.item]);
          w.resolve(r);
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }

  async function drain() {
    scheduled = false;
    if (inFlight > 0) return;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, opts.maxItems);
      waiting = waiting.slice(batch.length);
      inFlight = batch.length;
      await runBatch(batch);
      inFlight = 0;
    }
  }

  return {
    push(item) {
      if (opts.maxItems <= 1) return run([item]).then((r) => r[0]);
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!scheduled && inFlight === 0) {
          scheduled = true;
          soon(() => void drain());
        }
      });
    },
    get size() {
      return waiting.length + inFlight;
    },
  };
}
