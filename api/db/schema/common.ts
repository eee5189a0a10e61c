// Column helpers shared by every table: ids are text (UUIDs made by whoever creates the row,
// so a client can retry with the same id), times are integer milliseconds since the epoch.
import { integer, text } from 'drizzle-orm/sqlite-core';

export const id = () => text('id').primaryKey();
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date());
