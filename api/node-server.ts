// The Node HTTP server around the app, shared by `api/node.ts` and the tests that go through a
// real socket: security headers on every response, then the direct path for resident signals,
// then the Hono app (through @hono/node-server) for everything else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { setSecurityHeaders } from './lib/security-headers';

/** Answers a request itself and returns true, or returns false to leave it to the app. */
export type DirectPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createNodeServer(fetch: (request: Request) => Response | Promise<Response>, direct?: DirectPath): Server {
  const listener = getRequestListener(fetch);
  return createServer((req, res) => {
    setSecurityHeaders(res);
    if (direct?.(req, res)) return;
    void listener(req, res);
  });
}

/** The last address a trusted reverse proxy appended to X-Forwarded-For. */
export const lastForwardedFor = (header: string | string[] | undefined) => (Array.isArray(header) ? header.join(',') : header)?.split(',').pop()?.trim();
