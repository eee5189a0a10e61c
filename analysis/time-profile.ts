// When and about what people feel unsafe: time band × day kind table, category mix, and the
// monthly trend. Counts are events (a row's `count`, default 1).
//
// A resident may tick several time bands or categories for one place: the signal counts once in
// each (multiple response), so table cells and category counts may add up to more than `total`.
// Category `share` is the share of events mentioning the category; `mentionShare` the share of
// all mentions (these add up to 1).
import { signalPredicate } from './filter';
import { withSources } from './sources';
import type { SignalFilter, SignalPoint, SignalSource } from './types';
import { timeBandIds } from '../surveys/taxonomy';

export interface TimeProfileOptions {
  filter?: SignalFilter;
  /** Zero-fill the monthly series over this range (YYYY-MM), default first to last month seen. */
  fromMonth?: string;
  toMonth?: string;
}

export interface TimeBandRow {
  band: string;
  weekday: number;
  weekend: number;
  unknownDay: number;
  total: number;
}

export interface TimeProfile {
  /** The series counted: residents' reports unless the filter names sources (sources.ts). */
  method: { sources: SignalSource[] };
  total: number;
  /** One row per taxonomy band, then 'unknown' for signals without a band. */
  table: TimeBandRow[];
  dayKinds: { weekday: number; weekend: number; unknownDay: number };
  categories: { category: string; count: number; share: number; mentionShare: number }[];
  monthly: { month: string; count: number }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthOf(iso: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 7);
}

/** Every month from `from` to `to` inclusive (YYYY-MM). */
export function monthRange(from: string, to: string): string[] {
  if (!MONTH.test(from) || !MONTH.test(to)) throw new RangeError(`months must be YYYY-MM, got ${from} and ${to}`);
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function timeProfile(signals: readonly SignalPoint[], options: TimeProfileOptions = {}): TimeProfile {
  const filter = withSources(options.filter);
  const keep = signalPredicate(filter);
  const rows = new Map<string, TimeBandRow>();
  for (const band of [...timeBandIds, 'unknown']) rows.set(band, { band, weekday: 0, weekend: 0, unknownDay: 0, total: 0 });
  const dayKinds = { weekday: 0, weekend: 0, unknownDay: 0 };
  const categories = new Map<string, number>();
  const months = new Map<string, number>();
  let total = 0;
  let mentions = 0;
  for (const s of signals) {
    if (!keep(s)) continue;
    const k = s.count ?? 1;
    total += k;
    const day = s.dayKind === 'weekday' || s.dayKind === 'weekend' ? s.dayKind : 'unknownDay';
    dayKinds[day] += k;
    const bands = s.timeBands?.length ? new Set(s.timeBands) : new Set(['unknown']);
    for (const b of bands) {
      let row = rows.get(b);
      if (!row) rows.set(b, (row = { band: b, weekday: 0, weekend: 0, unknownDay: 0, total: 0 }));
      row[day] += k;
      row.total += k;
    }
    for (const c of new Set(s.categories ?? [])) {
      categories.set(c, (categories.get(c) ?? 0) + k);
      mentions += k;
    }
    const month = s.createdAt ? monthOf(s.createdAt) : null;
    if (month) months.set(month, (months.get(month) ?? 0) + k);
  }
  const seen = [...months.keys()].sort();
  const from = options.fromMonth ?? seen[0];
  const to = options.toMonth ?? seen[seen.length - 1];
  const monthly = from && to ? monthRange(from, to).map((month) => ({ month, count: months.get(month) ?? 0 })) : [];
  return {
    method: { sources: filter.sources },
    total,
    table: [...rows.values()],
    dayKinds,
    categories: [...categories.entries()]
      .map(([category, count]) => ({ category, count, share: total ? count / total : 0, mentionShare: mentions ? count / mentions : 0 }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    monthly,
  };
}
