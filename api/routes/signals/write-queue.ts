// Group commit: concurrent writes wait a moment and share one transaction, so the database pays
// one commit for many signals. Each caller still awaits its own result, given only after the
// commit. One batch is in flight at a time (SQLite has one writer); what arrives meanwhile forms
// the next batch, which is handed to the database before the answers of the one just committed
// go out, so the commit and the answers overlap. A failed batch is retried item by item so one
// bad row fails only its request.

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

  /** Runs the batch; settles its callers only after `then` (the next batch) has been started. */
  async function runBatch(batch: Waiting[], then: () => void) {
    let results: R[];
    try {
      results = await run(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1) {
        then();
        batch[0].reject(err);
        return;
      }
      const outcomes: ({ ok: true; r: R } | { ok: false; e: unknown })[] = [];
      for (const w of batch) {
        try {
          const [r] = await run([w.item]);
          outcomes.push({ ok: true, r });
        } catch (e) {
          outcomes.push({ ok: false, e });
        }
      }
      then();
      batch.forEach((w, i) => {
        const o = outcomes[i];
        if (o.ok) w.resolve(o.r);
        else w.reject(o.e);
      });
      return;
    }
    then();
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  /** Hands what is waiting (up to maxItems) to the database; called when nothing is in flight. */
  function startNext() {
    inFlight = 0;
    if (waiting.length === 0) return;
    const batch = waiting.length <= opts.maxItems ? waiting : waiting.slice(0, opts.maxItems);
    waiting = waiting.length <= opts.maxItems ? [] : waiting.slice(batch.length);
    inFlight = batch.length;
    void runBatch(batch, startNext);
  }

  return {
    push(item) {
      if (opts.maxItems <= 1) return run([item]).then((r) => r[0]);
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!scheduled && inFlight === 0) {
          scheduled = true;
          soon(() => {
            scheduled = false;
            if (inFlight === 0) startNext();
          });
        }
      });
    },
    get size() {
      return waiting.length + inFlight;
    },
  };
}
