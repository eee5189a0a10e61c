// Node only: a write executor on a worker thread (see write-thread.mjs). The main thread hands it
// a batch of SQL statements and gets each statement's rows back once the batch has committed.
import { Worker } from 'node:worker_threads';

export type SqlStatement = { sql: string; args: unknown[] };
/** Runs the statements as one write transaction; resolves after commit with each statement's rows. */
export type WriteBatch = (statements: SqlStatement[]) => Promise<unknown[][][]>;

export type WriteWorker = { writeBatch: WriteBatch; close: () => Promise<void> };

export function startWriteWorker(url: string, opts: { authToken?: string; pragmas?: string[] } = {}): WriteWorker {
  // The path is computed, not written inline: Vite (vitest) rewrites `new URL('literal', import.meta.url)`.
  const file = ['write-thread', 'mjs'].join('.');
  const worker = new Worker(new URL(file, import.meta.url), {
    workerData: { url, authToken: opts.authToken, pragmas: opts.pragmas },
    // The worker needs no loader of ours: it is plain JavaScript.
    execArgv: [],
  });
  const pending = new Map<number, { resolve: (rows: unknown[][][]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (msg: { id: number; rows?: unknown[][][]; error?: { message: string; code?: string } }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
    else p.resolve(msg.rows!);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`The database write worker stopped (exit ${code}).`)));
  // Idle, it must not keep the process alive.
  worker.unref();

  return {
    writeBatch(statements) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, statements });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      }) as Promise<unknown[][][]>;
    },
    close() {
      return new Promise((resolve) => {
        if (failed) return resolve();
        worker.ref();
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.postMessage({ type: 'close' });
      });
    },
  };
}
