// A second libSQL connection on its own thread that runs write batches for the main thread.
// The Node libSQL binding executes SQL synchronously, so a commit on the main thread (page writes
// to the WAL, checkpoints with fsync) stalls every request in flight; here it overlaps with them.
// Plain JavaScript so that Node loads it as is, under tsx, vitest or a bundle alike.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';

const client = createClient({ url: workerData.url, authToken: workerData.authToken });

async function open() {
  if (String(workerData.url).startsWith('file:')) {
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute(`PRAGMA synchronous = ${workerData.synchronous ?? 'NORMAL'}`);
    for (const pragma of workerData.pragmas ?? []) await client.execute(`PRAGMA ${pragma}`);
  }
  await client.execute('PRAGMA foreign_keys = ON');
}

// One batch at a time: each is one transaction on this connection.
let chain = open();

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    chain.finally(() => {
      client.close();
      parentPort.postMessage({ type: 'closed' });
    });
    return;
  }
  const { id, statements } = msg;
  chain = chain
    .catch(() => undefined)
    .then(async () => {
      try {
        const results = await client.batch(statements, 'write');
        parentPort.postMessage({ id, rows: results.map((r) => r.rows.map((row) => Array.from(row))) });
      } catch (err) {
        parentPort.postMessage({ id, error: { message: err instanceof Error ? err.message : String(err), code: err?.code } });
      }
    });
});
