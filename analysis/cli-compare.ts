// `npm run analysis -- compare`: the wave comparison on an analyst's own CSV files, by zone or by
// category, with the same method as the API and the dashboard (compare-shares.ts).
//
// Each file has the key column (`zone` or `category`) and optionally `count` (default 1 a row)
// and `source` (default resident; residents only unless --source names others). Exposure is each
// wave's days (equal when not given): it changes the rates and rate ratios, not the test, which
// is of each key's share of its wave. Bad input is refused whole: every bad line on stderr with its
// number, exit code 1 (2 for a usage error or an unreadable file), and no output written.
import { readFileSync, writeFileSync } from 'node:fs';
import { COUNT_TEST, publishRows } from './compare';
import { compareShares, type ShareInput } from './compare-shares';
import { csvRecords, isBlankRecord } from './csv-records';
import { disclosureRule } from './privacy';
import { DEFAULT_SOURCES } from './sources';
import { signalSources } from '../surveys/taxonomy';
import type { RowError } from './types';

export const COMPARE_USAGE = `Usage: npm run analysis -- compare --before before.csv --after after.csv --by zone|category [--before-days N --after-days N] [--out result.json|-]
  CSV columns: the key (zone or category); optional count (default 1 a row) and source (default resident)
  --before-days N, --after-days N   each wave's length in days (both or neither; equal when not given)
  --source a,b      count these sources (default: resident only)
  --public [--k N] [--base N]   round counts to the base (default 5), drop keys below k (default 5) in either wave
  Output: { method, rows: [{ key, before, after, rateRatio, p, q, change }] }, change at q <= 0.05`;

const MAX_PRINTED_ERRORS = 100;

interface IO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const VALUE_FLAGS = new Set(['before', 'after', 'by', 'before-days', 'after-days', 'out', 'source', 'k', 'base']);
const BOOLEAN_FLAGS = new Set(['public', 'help']);

function parseFlags(argv: string[]): Map<string, string | true> | string {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) return `unexpected argument "${a}"`;
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) return `--${name} needs a value`;
      flags.set(name, v);
    } else return `unknown option --${name}`;
  }
  return flags;
}

/** Sums of `count` by key in one file, or the file's bad lines. */
export function readCountsCsv(text: string, by: 'zone' | 'category', sources: ReadonlySet<string>): { sums: Map<string, number>; errors: RowError[]; rows: number; skipped: number } {
  // csvRecords reads the delimiter (',' or the Italian locale's ';') off the header.
  const { records, errors } = csvRecords(text);
  const sums = new Map<string, number>();
  const header = records[0]?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const keyAt = header.indexOf(by);
  const countAt = header.indexOf('count');
  const sourceAt = header.indexOf('source');
  if (keyAt < 0) return { sums, errors: [{ line: 1, field: by, message: `missing column "${by}" (the header has: ${header.join(', ') || 'nothing'})` }], rows: 0, skipped: 0 };
  let rows = 0;
  let skipped = 0;
  for (const { line, fields } of records.slice(1)) {
    if (isBlankRecord(fields)) continue;
    rows++;
    const key = (fields[keyAt] ?? '').trim();
    if (!key) {
      errors.push({ line, field: by, message: 'empty' });
      continue;
    }
    let count = 1;
    if (countAt >= 0) {
      const raw = (fields[countAt] ?? '').trim();
      count = Number(raw);
      if (raw === '' || !Number.isFinite(count)) {
        errors.push({ line, field: 'count', message: `"${raw}" is not a number` });
        continue;
      }
      if (!(Number.isInteger(count) && count >= 0)) {
        errors.push({ line, field: 'count', message: `${raw} is not a whole number of events ≥ 0` });
        continue;
      }
    }
    if (sourceAt >= 0) {
      const source = (fields[sourceAt] ?? '').trim() || 'resident';
      if (!(signalSources as readonly string[]).includes(source)) {
        errors.push({ line, field: 'source', message: `"${source}" is not one of ${signalSources.join(', ')}` });
        continue;
      }
      if (!sources.has(source)) {
        skipped++;
        continue;
      }
    }
    sums.set(key, (sums.get(key) ?? 0) + count);
  }
  return { sums, errors, rows, skipped };
}

function positiveDays(flags: Map<string, string | true>, name: string): number | undefined | string {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return typeof v === 'string' && v.trim() !== '' && n > 0 && Number.isFinite(n) ? n : `--${name} must be a positive number of days, got "${v}"`;
}

function positiveInt(flags: Map<string, string | true>, name: string): number | undefined | string {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : `--${name} must be a positive integer, got "${v}"`;
}

export function compareMain(argv: string[], io: IO): number {
  const flags = parseFlags(argv);
  const usage = (problem: string) => {
    io.stderr(`analysis compare: ${problem}\n${COMPARE_USAGE}\n`);
    return 2;
  };
  if (typeof flags === 'string') return usage(flags);
  if (flags.has('help')) {
    io.stderr(COMPARE_USAGE + '\n');
    return 0;
  }
  const beforePath = flags.get('before');
  const afterPath = flags.get('after');
  const by = flags.get('by');
  if (typeof beforePath !== 'string' || typeof afterPath !== 'string') return usage('--before and --after are required');
  if (by !== 'zone' && by !== 'category') return usage(`--by must be zone or category, got ${by === undefined ? 'nothing' : `"${by}"`}`);
  const daysB = positiveDays(flags, 'before-days');
  const daysA = positiveDays(flags, 'after-days');
  const k = positiveInt(flags, 'k');
  const base = positiveInt(flags, 'base');
  if (typeof daysB === 'string') return usage(daysB);
  if (typeof daysA === 'string') return usage(daysA);
  if (typeof k === 'string') return usage(k);
  if (typeof base === 'string') return usage(base);
  if ((daysB === undefined) !== (daysA === undefined)) return usage('give both --before-days and --after-days, or neither (equal exposure)');
  const sourceFlag = flags.get('source');
  const sources = typeof sourceFlag === 'string' ? sourceFlag.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_SOURCES];
  const unknown = sources.filter((s) => !(signalSources as readonly string[]).includes(s));
  if (unknown.length || sources.length === 0) return usage(`--source must list some of ${signalSources.join(', ')}, got "${sourceFlag}"`);

  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      io.stderr(`analysis compare: cannot read ${path}: ${(e as Error).message}\n`);
      return null;
    }
  };
  const texts = [read(beforePath), read(afterPath)];
  if (texts[0] === null || texts[1] === null) return 2;
  const wanted = new Set(sources);
  const parsed = [readCountsCsv(texts[0], by, wanted), readCountsCsv(texts[1], by, wanted)];
  let bad = 0;
  [beforePath, afterPath].forEach((path, w) => {
    for (const e of parsed[w].errors.slice(0, MAX_PRINTED_ERRORS)) io.stderr(`${path}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}\n`);
    if (parsed[w].errors.length > MAX_PRINTED_ERRORS) io.stderr(`${path}: … and ${parsed[w].errors.length - MAX_PRINTED_ERRORS} more bad lines\n`);
    bad += parsed[w].errors.length;
  });
  if (bad > 0) {
    io.stderr(`analysis compare: ${bad} bad line${bad === 1 ? '' : 's'}; nothing written\n`);
    return 1;
  }

  const [sb, sa] = [parsed[0].sums, parsed[1].sums];
  const keys = [...new Set([...sb.keys(), ...sa.keys()])].sort();
  const rule = disclosureRule({ public: flags.has('public'), k, base });
  const published = publishRows<ShareInput>(keys.map((key) => ({ key, before: sb.get(key) ?? 0, after: sa.get(key) ?? 0 })), rule);
  // Equal exposure when the lengths are not given: one unit each, so rate ratios are count ratios.
  const expB = daysB === undefined ? 1 : daysB / 30;
  const expA = daysA === undefined ? 1 : daysA / 30;
  let family;
  try {
    family = compareShares(published.rows, { exposureBefore: expB, exposureAfter: expA });
  } catch (e) {
    io.stderr(`analysis compare: ${(e as Error).message}\n`);
    return 1;
  }
  const result = {
    method: {
      by,
      nullHypothesis: `the ${by}'s share of the wave's ${by === 'zone' ? 'reports' : 'mentions'} is the same in both waves`,
      countTest: COUNT_TEST,
      correction: 'Benjamini-Hochberg over the tested rows',
      q: 0.05,
      minTotal: 10,
      dispersion: family.dispersion,
      exposure: daysB === undefined ? { beforeDays: null, afterDays: null, note: 'days not given: equal exposure, rate ratio = count ratio' } : { beforeDays: daysB, afterDays: daysA, unit: 'events per 30 days' },
      sources: [...wanted].sort(),
      files: { before: beforePath, after: afterPath },
      ...(rule ? { privacy: { k: rule.k, base: rule.base, suppressed: published.suppressed, note: 'before/after are rounded counts of the published rows' } } : {}),
    },
    rows: family.rows.map((r) => ({
      key: r.key,
      before: r.before.count,
      after: r.after.count,
      rateRatio: r.rateRatio,
      shareRatio: r.shareRatio,
      p: r.p,
      q: r.q,
      change: r.change,
      status: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
    })),
  };
  const json = JSON.stringify(result, null, 2) + '\n';
  const out = flags.get('out');
  if (typeof out === 'string' && out !== '-') {
    try {
      writeFileSync(out, json);
    } catch (e) {
      io.stderr(`analysis compare: cannot write ${out}: ${(e as Error).message}\n`);
      return 2;
    }
  } else io.stdout(json);
  io.stderr(
    `compare by ${by}: ${keys.length} keys, ${family.tested} tested, ${family.changed} changed at q <= 0.05; ` +
      `${parsed[0].rows} + ${parsed[1].rows} rows` +
      (parsed[0].skipped + parsed[1].skipped ? `, ${parsed[0].skipped + parsed[1].skipped} of other sources skipped` : '') +
      (rule ? `; ${published.suppressed} keys below k=${rule.k} suppressed` : '') +
      '\n',
  );
  return 0;
}
