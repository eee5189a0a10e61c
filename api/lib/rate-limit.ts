// A fixed-window counter kept in memory: enough for one Node process or one Worker isolate.
// Keys are opaque strings (callers hash anything personal before using it as a key).
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { hit(key: string, now: number): RateLimitResult; reset(key: string): void };

export function memoryRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key, now) {
      if (now - lastSweep > windowMs) {
        // Drop expired windows so memory stays bounded by active clients.
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
