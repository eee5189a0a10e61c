// A second connection to the libSQL file, on its own thread, that runs write transactions for the
// main thread. The Node libSQL binding executes SQL synchronously, so a commit on the main thread
// (page writes to the WAL, checkpoints with fsync) stalls every request in flight; here it
// overlaps with them. It uses the binding directly (`libsql`, which @libsql/client wraps) to keep
// prepared statements across batches. Plain JavaScript so Node loads it as is, under tsx or vitest.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { buffersOf, decodeColumns } from './column-decode.mjs';

const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
db.exec('PRAGMA synchronous = NORMAL');
db.exec('PRAGMA foreign_keys = ON');
for (const pragma of workerData.pragmas ?? []) db.exec(`PRAGMA ${pragma}`);

// Prepared statements by SQL text: the hot ones (the signal insert) are prepared once.
const prepared = new Map();
function statement(sql) {
  let stmt = prepared.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (stmt.reader) stmt.raw(true);
    if (prepared.size >= 64) prepared.delete(prepared.keys().next().value);
    prepared.set(sql, stmt);
  }
  return stmt;
}

/** Runs fn in one IMMEDIATE transaction: all of it commits, or none of it. */
function transaction(fn) {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

const run = (s) => {
  const stmt = statement(s.sql);
  return stmt.reader ? stmt.all(s.args) : (stmt.run(s.args), []);
};

const handlers = {
  // One statement outside any transaction (WAL: it reads a snapshot, and never blocks a commit).
  read: (msg) => run({ sql: msg.sql, args: msg.args }),
  // Copies committed WAL frames into the database file without blocking writers or readers.
  checkpoint: () => db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true).get(),
  // A one-row select of concatenated columns, decoded here so the main thread gets typed arrays.
  columns: (msg) => decodeColumns(run({ sql: msg.sql, args: msg.args })[0], msg.columns),
  // Statements in order; each one's rows (arrays) come back.
  batch: (msg) => transaction(() => msg.statements.map(run)),
  // `before` once, then one statement per row of arguments; the number of rows each changed.
  each: (msg) =>
    transaction(() => {
      msg.before.forEach(run);
      const stmt = statement(msg.sql);
      return JSON.parse(msg.rows).map((args) => stmt.run(args).changes);
    }),
};

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    db.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  try {
    const result = handlers[msg.type](msg);
    parentPort.postMessage({ id: msg.id, result }, msg.type === 'columns' ? buffersOf(result) : undefined);
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: { message: err instanceof Error ? err.message : String(err), code: err?.code } });
  }
});
