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
import { securityHeaderEntries } from '../../lib/security-headers';
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

// Per-request state lives on the request, and the handlers below are module functions: under tsx
// every closure made per request also paid for esbuild's function naming (a profile's `__name`).
const kSignal = Symbol('signal request');
type State = { req: IncomingMessage; res: ServerResponse; path: string; slug: string; t0: number; chunks: Buffer[]; poster: SignalPoster; opts: NodeSignalPathOptions };
type WithState = IncomingMessage & { [kSignal]: State };

// The security headers go out with the answer in one writeHead (no per-header setHeader calls).
const SECURITY = securityHeaderEntries.flat();

function send(s: State, status: number, contentType: string, body: string, extra?: Record<string, string>) {
  const head: string[] = ['content-type', contentType, 'content-length', String(Buffer.byteLength(body)), ...SECURITY];
  if (extra) for (const name in extra) head.push(name, extra[name]);
  s.res.writeHead(status, head);
  s.res.end(body);
  if (s.opts.logRequests) console.log(`POST ${s.path} ${status} ${Date.now() - s.t0}ms`);
}

function refuse(s: State, err: unknown) {
  if (!(err instanceof Problem)) console.error(`[POST ${s.path}]`, err);
  const p = err instanceof Problem ? err : internalError();
  send(s, p.body.status, PROBLEM_CONTENT_TYPE, problemText(p, s.path), p.headers);
}

function onData(this: WithState, chunk: Buffer) {
  this[kSignal].chunks.push(chunk);
}

// A client that goes away mid-body gets nothing; nothing was stored.
function onError() {}

function onEnd(this: WithState) {
  const s = this[kSignal];
  let value: unknown;
  try {
    // TextDecoder, like the web Request Hono reads, drops a leading byte-order mark.
    value = JSON.parse(decoder.decode(s.chunks.length === 1 ? s.chunks[0] : Buffer.concat(s.chunks)));
  } catch {
    return refuse(s, malformedBody());
  }
  store(s, value).catch(lost);
}

// The answer itself could not be written (the socket went away): nothing else to do, but never an
// unhandled rejection, which would stop the server.
function lost(err: unknown) {
  console.error('[POST /api/diagnoses/…/signals] the answer could not be written', err);
}

async function store(s: State, value: unknown) {
  try {
    const parsed = await parseFirstSync(signalInputSchema, value);
    if (!parsed.success) throw validationProblem('json', parsed.error);
    const { status, ack } = await s.poster.post(s.slug, parsed.data, () => s.opts.clientAddress(s.req));
    send(s, status, 'application/json', JSON.stringify(ack));
  } catch (err) {
    refuse(s, err);
  }
}

/**
 * A request handler that answers the signal POST and returns true, or returns false to pass the
 * request on untouched. The server sets no header before calling it (api/node-server.ts).
 */
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
    (req as WithState)[kSignal] = { req, res, path, slug, t0: opts.logRequests ? Date.now() : 0, chunks: [], poster, opts };
    req.on('data', onData);
    req.on('error', onError);
    req.on('end', onEnd);
    return true;
  };
}
