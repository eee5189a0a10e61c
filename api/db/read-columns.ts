// One row of group_concat'ed columns, decoded into typed arrays (column-decode.mjs): on the Node
// worker thread's connection when the runtime gives one (deps.readColumns), else through drizzle.
import { sql } from 'drizzle-orm';
import type { AppDb } from './client';
import { type ColumnSpec, type DecodedColumn, decodeColumns } from './column-decode.mjs';
import type { ReadColumns, SqlValue } from './write-worker';

/** Runs `text` (its `?` bound to `args` in order) and decodes its one row by `columns`. */
export async function readConcatenated(
  db: AppDb,
  readColumns: ReadColumns | undefined,
  text: string,
  args: SqlValue[],
  columns: ColumnSpec[],
): Promise<DecodedColumn[]> {
  if (readColumns) return readColumns(text, args, columns);
  const parts = text.split('?');
  const query = sql.join(parts.flatMap((p, i) => (i < args.length ? [sql.raw(p), sql`${args[i]}`] : [sql.raw(p)])));
  const [row] = await db.values<SqlValue[]>(query);
  return decodeColumns(row, columns);
}
