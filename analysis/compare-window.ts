// The stretch of time a wave's counts are compared over. A date filter narrows what is counted, so
// it must narrow the exposure too: each wave's exposure is the overlap of the filter's period with
// that wave's observation period (the old code shrank the counts and kept the whole periods, so a
// one-month filter on a year-long ex-ante wave and a one-month ex-post wave read as 0 vs 68 for the
// same true rate). A wave the filter does not reach has exposure 0: "no overlap", nothing tested.
// Time-band and day-kind filters keep every day, so they do not change the exposure.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const DAY_MS = 86_400_000;

/** A wave's observation period: ISO dates (inclusive: a date-only `to` is the end of that day) or date-times. */
export interface Period {
  from: string;
  to: string;
}

export interface ObservationWindow {
  /** ISO date-times of the first and last millisecond compared, null when unknown (a length only) or no overlap. */
  from: string | null;
  to: string | null;
  /** Length in days; 0 when the filter does not overlap the wave. */
  days: number;
}

function start(s: string, what: string): number {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new RangeError(`${what} is not an ISO date: ${s}`);
  return t;
}

function end(s: string, what: string): number {
  return start(s, what) + (DATE_ONLY.test(s) ? DAY_MS - 1 : 0);
}

/**
 * The window of one wave under a filter's dates. With a period: the overlap of both. Without one
 * (the CLI, which knows only a length): the given length, and a date filter is refused because its
 * overlap cannot be known.
 */
export function observationWindow(wave: { period?: Period | null; periodDays?: number }, filter: { from?: string; to?: string } = {}): ObservationWindow {
  // null: the wave has neither dates nor signals, nothing was observed.
  if (wave.period === null) return { from: null, to: null, days: 0 };
  if (!wave.period) {
    if (filter.from !== undefined || filter.to !== undefined) throw new RangeError('a date filter needs each wave’s observation period (its dates), not only its length');
    const days = wave.periodDays;
    if (!(typeof days === 'number' && days > 0 && Number.isFinite(days))) throw new RangeError(`periodDays must be a positive number, got ${days}`);
    return { from: null, to: null, days };
  }
  const ps = start(wave.period.from, 'period.from');
  const pe = end(wave.period.to, 'period.to');
  if (pe < ps) throw new RangeError(`the period ends (${wave.period.to}) before it starts (${wave.period.from})`);
  const s = Math.max(ps, filter.from !== undefined ? start(filter.from, 'filter.from') : -Infinity);
  const e = Math.min(pe, filter.to !== undefined ? end(filter.to, 'filter.to') : Infinity);
  if (e < s) return { from: null, to: null, days: 0 };
  return { from: new Date(s).toISOString(), to: new Date(e).toISOString(), days: (e - s + 1) / DAY_MS };
}
