// When and about what people feel unsafe: time band × day kind table, category mix, and the
// monthly trend. Counts are events (a row's `count`, default 1).
//
// A resident may tick several time bands or categories for one place: the signal counts once in
// each (multiple response), so table cells and category counts may add up to more than `total`.
// Category `share` is the share of events mentioning the category; `mentionShare` the share of
// all mentions (these add up to 1).
//
// Public output (`public: true`, privacy.ts): every count — table cell, day kind, month, category,
// total — is rounded to the base, and shown only when the rounded count reaches k; a suppressed
// cell or month is null (a month with no report looks the same as one with two), a suppressed
// category is left out. Shares are computed from the published counts only (share over the
// published total, mentionShare over the published categories), so a hidden category's count
// cannot be solved for from a share and the total. Staff output keeps exact figures.
import { signalPredicate } from './filter';
import { type DisclosureRule, disclosureRule, publishedCount } from './privacy';
import { withSources } from './sources';
import type { PrivacyOptions, SignalFilter, SignalPoint, SignalSource } from './types';
import { timeBandIds } from '../surveys/taxonomy';

export interface TimeProfileOptions extends PrivacyOptions {
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

/** A published count: rounded to the base, or null when below k once rounded. */
type Published = number | null;

export interface PublicTimeProfile {
  method: {
    sources: SignalSource[];
    privacy: { k: number; base: number; rule: string; suppressed: { cells: number; months: number; categories: number } };
  };
  total: Published;
  table: { band: string; weekday: Published; weekend: Published; unknownDay: Published; total: Published }[];
  dayKinds: { weekday: Published; weekend: Published; unknownDay: Published };
  /** Published categories only; shares over the published figures. */
  categories: { category: string; count: number; share: number; mentionShare: number }[];
  monthly: { month: string; count: Published }[];
}

export const TIME_PROFILE_PRIVACY_RULE =
  'every count rounded to the base and shown only when the rounded count reaches k (null, or a category left out, otherwise); shares over the published counts only';

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

export function timeProfile(signals: readonly SignalPoint[], options: TimeProfileOptions & { public: true }): PublicTimeProfile;
export function timeProfile(signals: readonly SignalPoint[], options?: TimeProfileOptions & { public?: false }): TimeProfile;
export function timeProfile(signals: readonly SignalPoint[], options?: TimeProfileOptions): TimeProfile | PublicTimeProfile;
export function timeProfile(signals: readonly SignalPoint[], options: TimeProfileOptions = {}): TimeProfile | PublicTimeProfile {
  const exact = exactTimeProfile(signals, options);
  const rule = disclosureRule(options);
  return rule ? publishTimeProfile(exact, rule) : exact;
}

/**
 * The public form of a profile: each count published or null, categories below k left out, and
 * shares over what is published. Exported so a caller holding an exact profile (the API) need
 * not count twice.
 */
export function publishTimeProfile(exact: TimeProfile, rule: DisclosureRule): PublicTimeProfile {
  const suppressed = { cells: 0, months: 0, categories: 0 };
  const cell = (n: number): Published => {
    const p = publishedCount(n, rule);
    if (p === null) suppressed.cells++;
    return p;
  };
  const table = exact.table.map((r) => ({ band: r.band, weekday: cell(r.weekday), weekend: cell(r.weekend), unknownDay: cell(r.unknownDay), total: cell(r.total) }));
  const dayKinds = { weekday: cell(exact.dayKinds.weekday), weekend: cell(exact.dayKinds.weekend), unknownDay: cell(exact.dayKinds.unknownDay) };
  const monthly = exact.monthly.map(({ month, count }) => {
    const p = publishedCount(count, rule);
    if (p === null) suppressed.months++;
    return { month, count: p };
  });
  const shown = exact.categories.flatMap((c) => {
    const p = publishedCount(c.count, rule);
    if (p === null) suppressed.categories++;
    return p === null ? [] : [{ category: c.category, count: p }];
  });
  const total = publishedCount(exact.total, rule);
  const mentions = shown.reduce((a, c) => a + c.count, 0);
  return {
    method: { sources: exact.method.sources, privacy: { k: rule.k, base: rule.base, rule: TIME_PROFILE_PRIVACY_RULE, suppressed } },
    total,
    table,
    dayKinds,
    categories: shown
      .map((c) => ({ ...c, share: total ? Math.min(1, c.count / total) : 0, mentionShare: mentions ? c.count / mentions : 0 }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    monthly,
  };
}

function exactTimeProfile(signals: readonly SignalPoint[], options: TimeProfileOptions): TimeProfile {
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
