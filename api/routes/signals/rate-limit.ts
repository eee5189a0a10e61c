// Abuse control that identifies no one: the client address is hashed with a random salt that
// changes every UTC day and lives only in memory, and the counters live only in memory too.
// The store is an interface so a Workers deployment can count in KV or a Durable Object instead.

import { sha256Hex } from './content-hash';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateStore {
  /** Counts one attempt for `key` (an opaque hash) and says whether it is within the limit. */
  take(key: string, now: number): RateDecision | Promise<RateDecision>;
  /** Gives one attempt back (the request turned out to be a retry of a stored signal). */
  refund(key: string, now: number): void | Promise<void>;
}

/** Fixed windows per key, swept as they expire so memory follows the active clients. */
export function memoryRateStore(limit: number, windowMs: number): RateStore {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    take(key, now) {
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) windows.set(key, (w = { start: now, count: 0 }));
      if (w.count >= limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
      w.count++;
      return { allowed: true };
    },
    refund(key, now) {
      const w = windows.get(key);
      if (w && now - w.start < windowMs && w.count > 0) w.count--;
    },
  };
}

const DAY_MS = 86_400_000;

/** Keys an address by SHA-256(daily salt, address). Yesterday's keys cannot be linked to today's. */
export function addressHasher() {
  let day = -1;
  let salt = '';
  return (address: string, now: number): string => {
    const today = Math.floor(now / DAY_MS);
    if (today !== day) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      salt = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      day = today;
    }
    return sha256Hex(`${salt}|${address}`).slice(0, 24);
  };
}

export const HOUR_MS = 3_600_000;
