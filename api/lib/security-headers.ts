// The security headers of every response, page and API alike: one list, applied by the app
// (Workers, tests) or, on Node, by the HTTP server itself before the app runs. On Node that is
// the cheap way: a header set on the socket response costs a property write, while adding ten
// headers to each web Response went through undici's Headers and took about a fifth of the
// ingest server's CPU (bench:ingest profile).
import type { MiddlewareHandler } from 'hono';

const csp = [
  "default-src 'self'",
  "script-src 'self'",
  // Leaflet and SurveyJS set inline styles.
  "style-src 'self' 'unsafe-inline'",
  // Map tiles come from the configured tile server (https); QR codes are data: URLs.
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaderEntries: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', csp],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  // Residents may use "use my location"; nothing else is needed.
  ['Permissions-Policy', 'geolocation=(self), camera=(), microphone=()'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** Adds the security headers to whatever response the app produced. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of securityHeaderEntries) headers.set(name, value);
  };
}

/** For a Node HTTP server: the same headers on the socket response, before the app answers. */
export function setSecurityHeaders(res: { setHeader(name: string, value: string): unknown }) {
  for (const [name, value] of securityHeaderEntries) res.setHeader(name, value);
}
