// Residents' reports: POST a signal (anonymous, retry-safe, rate-limited without identifying
// anyone) and, once per report, the optional perception answers that follow it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { diagnoses, signals } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { canonicalPerception, diagnosisForSignals } from './ingest';
import { createSignalPoster, notOpen } from './post-signal';
import {
  perceptionAckSchema,
  perceptionInputSchema,
  SIGNAL_BODY_MAX_BYTES,
  signalAckSchema,
  signalInputSchema,
  signalPathSchema,
} from './signals.schemas';

export const signalDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/signals',
    summary: 'A resident reports a place where they feel unsafe',
    description: [
      'Anonymous: no address, user agent, cookie or device id is stored. `id` is a UUID made by the device;',
      'sending the same id and content again returns the first answer (200), other content under that id is 409.',
      'The place is `lat`+`lon` (the zone is resolved server-side; a point outside the territory is 422) or a `zoneId`.',
      'Free text is stored for moderation and never shown publicly before approval.',
      'Limit: SIGNAL_RATE_LIMIT new signals per client and hour (default 30), then 429 with Retry-After.',
      '`website` is a honeypot: when it is filled the answer looks like a 201 but nothing is stored.',
    ].join(' '),
    tags: ['residents'],
    params: slugParam,
    body: signalInputSchema,
    responses: {
      201: { description: 'Stored', schema: signalAckSchema },
      200: { description: 'Already stored (a retry with the same id and content)', schema: signalAckSchema },
      404: { description: 'Unknown diagnosis' },
      409: { description: 'The id was used for other content, or the diagnosis is not open' },
      413: { description: 'Body larger than 8 KiB' },
      415: { description: 'Not JSON' },
      422: { description: 'Invalid field(s), one entry each; or a point outside the territory' },
      429: { description: 'Too many signals from this client; see Retry-After' },
    },
  },
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/signals/{id}/perception',
    summary: 'Adds the optional perception survey to the report the device just sent',
    description: 'Once per signal: the same answers again are 200, other answers 409. Only the device that made the id knows it.',
    tags: ['residents'],
    params: signalPathSchema,
    body: perceptionInputSchema,
    responses: {
      200: { description: 'Stored', schema: perceptionAckSchema },
      404: { description: 'Unknown diagnosis or signal' },
      409: { description: 'Other answers are already stored, or the diagnosis is not open' },
    },
  },
];

export function signalRoutes(deps: AppDeps) {
  const { db } = deps;
  const poster = deps.signalPoster ?? createSignalPoster(deps);

  return new Hono()
    .post(
      '/diagnoses/:slug/signals',
      requireJson,
      limitBody(SIGNAL_BODY_MAX_BYTES),
      validate('param', slugParam),
      validate('json', signalInputSchema),
      async (c) => {
        const { status, ack } = await poster.post(c.req.valid('param').slug, c.req.valid('json'), () => deps.clientAddress?.(c));
        return c.json(ack, status);
      },
    )
    .post(
      '/diagnoses/:slug/signals/:id/perception',
      requireJson,
      limitBody(SIGNAL_BODY_MAX_BYTES),
      validate('param', signalPathSchema),
      validate('json', perceptionInputSchema),
      async (c) => {
        const { slug, id } = c.req.valid('param');
        const perception = c.req.valid('json');
        const d = await diagnosisForSignals(db, slug);
        const [signal] = await db
          .select({ perception: signals.perception })
          .from(signals)
          .where(and(eq(signals.id, id), eq(signals.diagnosisId, d.id), eq(signals.source, 'resident')))
          .limit(1);
        if (!signal) throw new Problem(404, 'No report with this id in this diagnosis.');
        const same = (stored: unknown) => canonicalPerception(stored) === canonicalPerception(perception);
        if (signal.perception) {
          if (same(signal.perception)) return c.json({ id }, 200);
          throw new Problem(409, 'This report already has perception answers.', { type: 'https://osservatorio.dev/problems/perception-exists' });
        }
        if (d.status !== 'open') throw notOpen(d);
        const [updated] = await db.batch([
          db
            .update(signals)
            .set({ perception })
            .where(and(eq(signals.id, id), isNull(signals.perception)))
            .returning({ id: signals.id }),
          db
            .update(diagnoses)
            .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
            .where(eq(diagnoses.id, d.id)),
        ]);
        if (updated.length === 0) {
          // Another request stored answers in between: same rule as above.
          const [now] = await db.select({ perception: signals.perception }).from(signals).where(eq(signals.id, id)).limit(1);
          if (!same(now?.perception)) throw new Problem(409, 'This report already has perception answers.', { type: 'https://osservatorio.dev/problems/perception-exists' });
        }
        return c.json({ id }, 200);
      },
    );
}
