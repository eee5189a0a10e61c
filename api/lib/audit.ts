// The audit log of set-up, moderation and account actions: who did what to which target, when.
// Rows are written in the same batch as the change they describe, so one never exists without
// the other.
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client';
import { auditLog } from '../db/schema';

/** `userId` null: done from the command line (say so in `details.via`). */
export type AuditEntry = { id?: string; diagnosisId?: string | null; userId: string | null; action: string; target?: string | null; details?: Record<string, unknown> };

export function auditInsert(db: AppDb, e: AuditEntry, now: Date) {
  return db.insert(auditLog).values({ id: e.id ?? crypto.randomUUID(), diagnosisId: e.diagnosisId ?? null, userId: e.userId, action: e.action, target: e.target ?? null, details: e.details ?? null, createdAt: now });
}

/**
 * The same row, written only when `condition` holds at commit time: for a change guarded by a
 * condition in its own WHERE clause (e.g. "another active admin remains"), placed before it in
 * the batch so both see the same database.
 */
export function auditInsertWhen(db: AppDb, e: AuditEntry, now: Date, condition: SQL) {
  // Columns in table order, as insert-select requires.
  return db.insert(auditLog).select(
    sql`select ${crypto.randomUUID()}, ${e.diagnosisId ?? null}, ${e.userId}, ${e.action}, ${e.target ?? null}, ${e.details ? JSON.stringify(e.details) : null}, ${now.getTime()} where ${condition}`,
  );
}
