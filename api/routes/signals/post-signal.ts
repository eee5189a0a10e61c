// What POST /api/diagnoses/{slug}/signals does once the body is valid: the one implementation,
// called by the Hono route (every runtime) and by the Node server's direct path for this route
// (api/routes/signals/node-signal-path.ts). Refusals are thrown as Problem documents.
import type { AppDeps } from '../../deps';
import { Problem } from '../../lib/problem';
import { contentHash, diagnosisForSignals, resolvePlace, type SignalDiagnosis, signalRow, signalWriter, storedReplay, territoryOf } from './ingest';
import { addressHasher, HOUR_MS, memoryRateStore, type RateStore } from './rate-limit';
import type { SignalAck, SignalInput } from './signals.schemas';

export type SignalOutcome = { status: 200 | 201; ack: SignalAck };

export type SignalPoster = {
  /** Stores the report (or recognises a retry); `clientAddress` is read only when the rate limit needs it. */
  post(slug: string, input: SignalInput, clientAddress: () => string | undefined): Promise<SignalOutcome>;
};

export const notOpen = (d: SignalDiagnosis) =>
  new Problem(409, d.status === 'closed' ? 'This diagnosis is closed: it no longer takes reports.' : 'This diagnosis is not open for reports yet.', {
    type: 'https://osservatorio.dev/problems/diagnosis-not-open',
    diagnosisStatus: d.status,
  });

/** One per app: it owns the group-commit queue and the in-memory rate-limit counters. */
export function createSignalPoster(deps: Pick<AppDeps, 'db' | 'config' | 'clock' | 'writeEach'>): SignalPoster {
  const { db, config } = deps;
  const writer = signalWriter(db, config.signalBatchMax, deps.writeEach);
  const limiter: RateStore | null = config.signalRateLimit > 0 ? memoryRateStore(config.signalRateLimit, HOUR_MS) : null;
  const hashAddress = addressHasher();

  async function post(slug: string, input: SignalInput, clientAddress: () => string | undefined): Promise<SignalOutcome> {
    let d = await diagnosisForSignals(db, slug);
    // The cache may be a second old; a refusal is always decided on a fresh read.
    if (d.status !== 'open') d = await diagnosisForSignals(db, slug, { fresh: true });
    const place = resolvePlace(await territoryOf(db, d), input);
    const hash = contentHash(input, place, d.id);
    if (d.status !== 'open') {
      // A device retrying a report stored before the diagnosis closed still gets its answer.
      const replay = await storedReplay(db, input.id, d.id, hash);
      if (replay) return { status: 200, ack: replay };
      throw notOpen(d);
    }

    const now = deps.clock();
    let rateKey: string | null = null;
    if (limiter) {
      rateKey = hashAddress(clientAddress() ?? 'unknown', now.getTime());
      const gate = await limiter.take(rateKey, now.getTime());
      if (!gate.allowed) {
        const replay = await storedReplay(db, input.id, d.id, hash);
        if (replay) return { status: 200, ack: replay };
        throw new Problem(429, `Too many reports from this connection; try again in ${Math.ceil(gate.retryAfterSeconds / 60)} minute(s).`, {
          headers: { 'retry-after': String(gate.retryAfterSeconds) },
        });
      }
    }
    // Honeypot filled: answer like a success so a bot learns nothing, store nothing.
    if (input.website) return { status: 201, ack: { id: input.id, zoneId: place.zoneId } };

    const inserted = await writer.push(signalRow(input, place, d.id, hash, now));
    if (inserted) return { status: 201, ack: { id: input.id, zoneId: place.zoneId } };
    if (limiter && rateKey) await limiter.refund(rateKey, now.getTime());
    const replay = await storedReplay(db, input.id, d.id, hash);
    if (replay) return { status: 200, ack: replay };
    // Not stored and not a retry: the diagnosis closed or the zone went away since the cached read.
    const fresh = await diagnosisForSignals(db, d.slug, { fresh: true });
    if (fresh.status !== 'open') throw notOpen(fresh);
    throw new Problem(503, 'The zones of this diagnosis changed while the report was being stored; send it again.', { headers: { 'retry-after': '1' } });
  }

  return { post };
}
