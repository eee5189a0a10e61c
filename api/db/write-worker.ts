// Node only: write transactions (and long reads) on a worker thread (see write-thread.mjs). The main thread hands
// it statements and gets the outcome back once the transaction has committed.
import { Worker } from 'node:worker_threads';
import type { ColumnSpec, DecodedColumn } from './column-decode.mjs';

export type SqlValue = string | number | null;
export type SqlStatement = { sql: string; args: SqlValue[] };

/** Runs the statements as one write transaction; resolves after commit with each statement's rows. */
export type WriteBatch = (statements: SqlStatement[]) => Promise<SqlValue[][][]>;
/**
 * One write transaction: `before` once, then `sql` once per entry of `rows` (its arguments).
 * Resolves after commit with the number of rows each execution changed.
 */
export type WriteEach = (before: SqlStatement[], sql: string, rows: SqlValue[][]) => Promise<number[]>;

/** Runs one select outside any transaction; its rows as arrays. */
export type ReadRows = (sql: string, args: SqlValue[]) => Promise<SqlValue[][]>;

/** Runs a one-row select of concatenated columns (group_concat) and decodes it (column-decode.mjs). */
export type ReadColumns = (sql: string, args: SqlValue[], columns: ColumnSpec[]) => Promise<DecodedColumn[]>;

export type WriteWorker = {
  writeBatch: WriteBatch;
  writeEach: WriteEach;
  read: ReadRows;
  readColumns: ReadColumns;
  /** A passive WAL checkpoint on this thread's connection: [busy, WAL frames, frames copied]. */
  checkpoint: () => Promise<SqlValue[]>;
  close: () => Promise<void>;
};

/** `file:` URL → path; the worker opens the file with the libSQL binding itself. */
function filePath(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`The write worker needs a local file, not ${url}.`);
  const path = url.slice('file:'.length).split('?')[0];
  if (!path || path === ':memory:') throw new Error('The write worker needs a file, not an in-memory database.');
  return path;
}

export function startWriteWorker(url: string, opts: { pragmas?: string[] } = {}): WriteWorker {
  // The path is computed, not written inline: Vite (vitest) rewrites `new URL('literal', import.meta.url)`.
  const file = ['write-thread', 'mjs'].join('.');
  const worker = new Worker(new URL(file, import.meta.url), {
    workerData: { path: filePath(url), pragmas: opts.pragmas ?? [] },
    // Plain JavaScript: the worker needs no loader of ours.
    execArgv: [],
  });
  type Pending = { resolve: (result: never) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  let next = 0;
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  let closed: (() => void) | null = null;
  worker.on('message', (msg: { id: number; type?: 'closed'; result?: never; error?: { message: string; code?: string } }) => {
    if (msg.type === 'closed') return closed?.();
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (pending.size === 0) worker.unref();
    if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
    else p.resolve(msg.result!);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`The database write worker stopped (exit ${code}).`)));
  // Idle, it must not keep the process alive.
  worker.unref();

  function send<T>(message: Record<string, unknown>): Promise<T> {
    if (failed) return Promise.reject(failed);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: never) => void, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  return {
    writeBatch: (statements) => send({ type: 'batch', statements }),
    // The rows travel as one JSON string: cloning a string is a copy, while the structured clone of
    // arrays of values cost about a tenth of the main thread's time per signal (bench:ingest profile).
    writeEach: (before, sql, rows) => send({ type: 'each', before, sql, rows: JSON.stringify(rows) }),
    read: (sql, args) => send({ type: 'read', sql, args }),
    readColumns: (sql, args, columns) => send({ type: 'columns', sql, args, columns }),
    checkpoint: () => send({ type: 'checkpoint' }),
    close() {
      return new Promise((resolve) => {
        if (failed) return resolve();
        worker.ref();
        closed = () => void worker.terminate().then(() => resolve());
        worker.postMessage({ type: 'close' });
      });
    },
  };
}
