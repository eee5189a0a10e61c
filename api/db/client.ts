// The database type every route sees. libSQL (Node) and D1 (Workers) both give a drizzle
// SQLite database with async queries and `batch`; routes never learn which one they hold.
import { getTableColumns } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export { schema };
export type AppDb = LibSQLDatabase<typeof schema>;

/** D1 allows at most 100 bound parameters per statement; libSQL allows far more. */
export const MAX_PARAMS = 100;

type Insertable = Parameters<AppDb['insert']>[0];

/** Insert many rows in statements that respect D1's parameter limit, grouped into batches. */
export async function insertMany<T extends Insertable>(db: AppDb, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  // drizzle binds every column of the table (defaults included), so count the table's columns.
  const columns = Object.keys(getTableColumns(table as never)).length || 1;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    statements.push(db.insert(table).values(rows.slice(i, i + perStatement)));
  }
  for (let i = 0; i < statements.length; i += 50) {
    const group = statements.slice(i, i + 50);
    await db.batch(group as [(typeof group)[number], ...typeof group]);
  }
}
