// Node only: POST /api/diagnoses/{slug}/signals answered straight from the socket request, the
// hottest route of the platform (every resident report). Going through @hono/node-server and Hono
// builds a web Request and Response and runs four middlewares for a body of a few hundred bytes;
// that was about a third of the main thread's time per signal under load (bench:ingest profile).
//
// It does the same as the Hono route and shares everything that decides an answer: the zod
// schema and its problem documents (api/lib/json-body.ts), and the poster that stores the signal
// (post-signal.ts, one instance for both paths, so one group-commit queue and one rate limit).
// It takes only the requests it can answer exactly as the Hono route would: anything unusual
// (another method or path shape, a streamed or oversized body, an odd content type) is left to
// the Hono app, which then answers as it always has. signals.contract.test.ts runs the whole
// contract against both paths.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonContentType, malformedBody, parseFirstSync, validationProblem } from '../../lib/json-body';
import { internalError } from '../../lib/on-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemText } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import type { SignalPoster } from './post-signal';
import { SIGNAL_BODY_MAX_BYTES, signalInputSchema } from './signals.schemas';

const PATH = /^\/api\/diagnoses\/([a-z0-9][a-z0-9-]{0,62})\/signals$/;
// Hono's validator reads a JSON body only for these media types (hono/validator); for any other
// the body would be validated as {}: such requests go to Hono.
const HONO_JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
const decoder = new TextDecoder();

export type NodeSignalPathOptions = {
  /** The client's address for the rate limit, read the way the app reads it (api/node.ts). */
  clientAddress: (req: IncomingMessage) => string | undefined;
  /** Method, path, status and time, as the app's request log (LOG_REQUESTS). */
  logRequests?: boolean;
};

/** A request handler that answers the signal POST and returns true, or returns false to pass it on. */
export function nodeSignalPath(poster: SignalPoster, opts: NodeSignalPathOptions) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const match = PATH.exec(path);
    if (!match) return false;
    const slug = match[1];
    const type = req.headers['content-type'] ?? '';
    const length = req.headers['content-length'];
    if (
      !slugParam.safeParse({ slug }).success ||
      !isJsonContentType(type) ||
      !HONO_JSON_MEDIA.test(type.split(';')[0].trim()) ||
      length === undefined ||
      req.headers['transfer-encoding'] !== undefined ||
      !/^\d{1,15}$/.test(length) ||
      Number(length) > SIGNAL_BODY_MAX_BYTES
    ) {
      return false;
    }
    const t0 = opts.logRequests ? Date.now() : 0;
    const send = (status: number, contentType: string, body: string, headers?: Record<string, string>) => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
      if (opts.logRequests) console.log(`POST ${path} ${status} ${Date.now() - t0}ms`);
    };
    const refuse = (err: unknown) => {
      if (!(err instanceof Problem)) console.error(`[POST ${path}]`, err);
      const p = err instanceof Problem ? err : internalError();
      send(p.body.status, PROBLEM_CONTENT_TYPE, problemText(p, path), p.headers);
    };

    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that goes away mid-body gets nothing; nothing was stored.
    req.on('error', () => undefined);
    req.on('end', () => {
      let value: unknown;
      try {
        // TextDecoder, like the web Request Hono reads, drops a leading byte-order mark.
        value = JSON.parse(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      } catch {
        return refuse(malformedBody());
      }
      void (async () => {
        const parsed = await parseFirstSync(signalInputSchema, value);
        if (!parsed.success) throw validationProblem('json', parsed.error);
        const { status, ack } = await poster.post(slug, parsed.data, () => opts.clientAddress(req));
        send(status, 'application/json', JSON.stringify(ack));
      })().catch(refuse);
    });
    return true;
  };
}
