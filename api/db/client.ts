// The database type every route sees. libSQL (Node) and D1 (Workers) both give a drizzle
// SQLite database with async queries and `batch`; routes never learn which one they hold.
import { getTableColumns } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';
import type { SqlStatement, SqlValue, WriteBatch } from './write-worker';

export { schema };
export type AppDb = LibSQLDatabase<typeof schema>;

/** D1 allows at most 100 bound parameters per statement; libSQL allows far more. */
export const MAX_PARAMS = 100;

type Insertable = Parameters<AppDb['insert']>[0];

/** Insert statements for many rows, each within D1's parameter limit. */
export function insertStatements<T extends Insertable>(db: AppDb, table: T, rows: T['$inferInsert'][]) {
  if (rows.length === 0) return [];
  // drizzle binds every column of the table (defaults included), so count the table's columns.
  const columns = Object.keys(getTableColumns(table as never)).length || 1;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) statements.push(db.insert(table).values(rows.slice(i, i + perStatement)));
  return statements;
}

export type Statement = Parameters<AppDb['batch']>[0][number];

/** Runs statements as one batch: atomic on libSQL and on D1 (no interactive transactions there). */
export async function runAtomically(db: AppDb, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [Statement, ...Statement[]]);
}

/**
 * Like runAtomically, on the write worker's connection when there is one (Node with a libSQL
 * file): a long write transaction then leaves the event loop free, and queues behind or ahead of
 * residents' commits on that thread instead of making them wait for a lock.
 */
export async function runAtomicallyOn(db: AppDb, writeBatch: WriteBatch | undefined, statements: Statement[]): Promise<void> {
  if (!writeBatch) return runAtomically(db, statements);
  if (statements.length === 0) return;
  await writeBatch(statements.map(toSqlStatement));
}

/** A drizzle statement as SQL text and parameters (already in the driver's form: JSON as text, times as numbers). */
function toSqlStatement(statement: Statement): SqlStatement {
  const { sql, params } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  return { sql, args: params as SqlValue[] };
}

/** Insert many rows in groups of batches (for large seeds, where one huge batch is not needed). */
export async function insertMany<T extends Insertable>(db: AppDb, table: T, rows: T['$inferInsert'][]): Promise<void> {
  const statements = insertStatements(db, table, rows);
  for (let i = 0; i < statements.length; i += 50) await runAtomically(db, statements.slice(i, i + 50));
}

/** A write refused by a UNIQUE index (libSQL and D1 word it the same; drizzle wraps it in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/UNIQUE constraint failed/i.test(e.message)) return true;
  }
  return false;
}
