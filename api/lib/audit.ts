// The audit log of set-up and moderation actions: who did what to which target, when.
import type { AppDb } from '../db/client';
import { auditLog } from '../db/schema';

export type AuditEntry = { id?: string; diagnosisId?: string | null; userId: string; action: string; target?: string | null; details?: Record<string, unknown> };

export function auditInsert(db: AppDb, e: AuditEntry, now: Date) {
  return db.insert(auditLog).values({ id: e.id ?? crypto.randomUUID(), diagnosisId: e.diagnosisId ?? null, userId: e.userId, action: e.action, target: e.target ?? null, details: e.details ?? null, createdAt: now });
}
