// The Node HTTP server around the app, shared by `api/node.ts` and the tests that go through a
// real socket: the direct path for resident signals (which writes the security headers with its
// answer), else the security headers and the Hono app (through @hono/node-server).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { setSecurityHeaders } from './lib/security-headers';

/** Answers a request itself (security headers included) and returns true, or returns false to leave it to the app. */
export type DirectPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createNodeServer(fetch: (request: Request) => Response | Promise<Response>, direct?: DirectPath): Server {
  const listener = getRequestListener(fetch);
  return createServer((req, res) => {
    if (direct?.(req, res)) return;
    setSecurityHeaders(res);
    void listener(req, res);
  });
}

/** The last address a trusted reverse proxy appended to X-Forwarded-For. */
export const lastForwardedFor = (header: string | string[] | undefined) => (Array.isArray(header) ? header.join(',') : header)?.split(',').pop()?.trim();
