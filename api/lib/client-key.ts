// An opaque per-client key for rate limits: SHA-256 of the client address with a random salt that
// lives only in memory and changes every UTC day, so no stored or logged value leads back to an
// address and yesterday's keys cannot be recomputed.
import type { Context } from 'hono';
import { sha256Hex } from '../auth/tokens';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

export type AddressResolver = (c: Context) => string | undefined;

/**
 * The address of the peer: the runtime's own resolver when the entry supplies one (AppDeps),
 * else on Node the socket's address (a client-sent header would let anyone pick a fresh key per
 * request) and on Workers Cloudflare's own `cf-connecting-ip`. Behind a reverse proxy on Node every
 * client shares the proxy's address: limits then apply to the proxy as a whole.
 */
export function clientAddress(c: Context, resolve?: AddressResolver): string {
  const resolved = resolve?.(c);
  if (resolved) return resolved;
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
  if (socket) return socket;
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

let salt: { day: string; value: string } | null = null;

function dailySalt(now: Date): string {
  const day = now.toISOString().slice(0, 10);
  if (salt?.day !== day) {
    const raw = crypto.getRandomValues(new Uint8Array(16));
    salt = { day, value: Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('') };
  }
  return salt.value;
}

/** `scope` keeps the keys of different limiters apart (e.g. "invitation", "signal"). */
export async function clientKey(c: Context, scope: string, now: Date, resolve?: AddressResolver): Promise<string> {
  return sha256Hex(`${scope}:${dailySalt(now)}:${clientAddress(c, resolve)}`);
}
