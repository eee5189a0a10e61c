// Signals CSV → typed columns, for the CLI. Pure (bytes in, columns out) and fast enough for
// millions of rows: one pass over the bytes, numbers parsed straight from them, filters applied
// while reading so that no per-row object or string is kept.
//
// Columns (header required, any order, extra columns ignored): lat, lon; optional weight (or the
// column named by `weightColumn`), count (events the row stands for, non-negative integer),
// category (ids separated by ';' or '|'), source (resident|police|media|institution), time (a time
// band id or a clock time HH:MM mapped to its band). RFC 4180 quoting is understood; a quoted field
// may span lines, and errors point to the line where the row starts.
import { signalSources, timeBandIds } from '../surveys/taxonomy';
import type { RowError } from './types';

export interface SignalCsvOptions {
  /** Column holding the weight; default 'weight' when that column exists. */
  weightColumn?: string;
  categories?: string[];
  sources?: string[];
  timeBands?: string[];
  /** Keep at most this many detailed errors (all are counted). Default 10,000. */
  maxErrors?: number;
}

export interface SignalColumnsCsv {
  n: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Events per row, null when the file has no count column (1 each). */
  count: Float64Array | null;
  /** count × weight, null when no weight column is used. */
  value: Float64Array | null;
  weightColumn: string | null;
  /** Data rows read (blank lines excluded), rows skipped by the filters, rows rejected. */
  rows: number;
  filtered: number;
  errorCount: number;
  errors: RowError[];
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const enum Role {
  Ignore,
  Lat,
  Lon,
  Weight,
  Count,
  Category,
  Source,
  Time,
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(:\d{2})?$/;
const SOURCES = new Set<string>(signalSources);
const BANDS = new Set<string>(timeBandIds);

// TextDecoder rather than Buffer: the API may call this on Workers too.
const decoder = new TextDecoder('utf-8');
const utf8 = (b: Uint8Array, s: number, e: number) => decoder.decode(b.subarray(s, e));

function parseDecimalString(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/**
 * A plain decimal with at most 15 significant digits is exact as an integer mantissa, and one
 * division by an exact power of ten is correctly rounded: the same double as Number(text).
 * Anything else (exponents, long mantissas, spaces) goes the slow, general way.
 */
function parseNumber(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  } else if (b[i] === 43) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (i < e) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    digits++;
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      digits++;
      frac++;
      i++;
    }
  }
  if (i !== e || digits === 0 || digits > 15) return parseDecimalString(utf8(b, s, e));
  const v = frac ? mant / POW10[frac] : mant;
  return neg ? -v : v;
}

/** Time band of a band id or a clock time (taxonomy: morning 6–12, afternoon 12–18, evening 18–22, night 22–6). */
export function timeBandOf(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (BANDS.has(t)) return t;
  const m = CLOCK.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  if (h > 24 || Number(m[2]) > 59) return null;
  if (h >= 6 && h < 12) return 'morning';
  if (h >= 12 && h < 18) return 'afternoon';
  if (h >= 18 && h < 22) return 'evening';
  return 'night';
}

/**
 * Short text fields repeat (a handful of sources, bands, category sets): a direct-mapped cache by
 * FNV-1a hash of the bytes decodes each distinct value once, so a million rows do not allocate a
 * million strings. A collision only costs a fresh decode.
 */
class Interner {
  private readonly bytes: (Uint8Array | undefined)[] = new Array(4096);
  private readonly texts: string[] = new Array(4096);
  get(b: Uint8Array, s: number, e: number): string {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const slot = (h ^ (h >>> 12)) & 4095;
    const cached = this.bytes[slot];
    const n = e - s;
    if (cached !== undefined && cached.length === n) {
      let i = 0;
      while (i < n && cached[i] === b[s + i]) i++;
      if (i === n) return this.texts[slot];
    }
    const text = utf8(b, s, e);
    this.bytes[slot] = b.slice(s, e);
    this.texts[slot] = text;
    return text;
  }
}

/** Memoise a pure function of a (interned, hence repeating) string. */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined && !cache.has(text)) {
      v = fn(text);
      if (cache.size < 4096) cache.set(text, v);
    }
    return v as T;
  };
}

class Growable {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  set(i: number, v: number) {
    if (i >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}

export function parseSignalCsv(bytes: Uint8Array, options: SignalCsvOptions = {}): SignalColumnsCsv {
  const len = bytes.length;
  const maxErrors = options.maxErrors ?? 10_000;
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (line: number, field: string, message: string) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ line, field, message });
  };

  // Field boundaries of the current field, filled by nextField(); quoted content is unescaped
  // into `quotedText` because its bytes are not contiguous.
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let fStart = 0;
  let fEnd = 0;
  let quotedText: string | null = null;
  let malformed = false;
  /** Reads one field from `pos`; returns the byte that ended it (COMMA, LF, or -1 at the end). */
  const nextField = (): number => {
    quotedText = null;
    if (bytes[pos] === QUOTE) {
      let i = pos + 1;
      let text = '';
      let chunk = i;
      for (;;) {
        if (i >= len) {
          malformed = true;
          break;
        }
        const c = bytes[i];
        if (c === QUOTE) {
          if (bytes[i + 1] === QUOTE) {
            text += utf8(bytes, chunk, i + 1);
            i += 2;
            chunk = i;
            continue;
          }
          break;
        }
        if (c === LF) line++;
        i++;
      }
      text += utf8(bytes, chunk, Math.min(i, len));
      quotedText = text;
      i++; // past the closing quote
      // Anything between the closing quote and the delimiter is malformed; skip to the delimiter.
      while (i < len && bytes[i] !== COMMA && bytes[i] !== LF) {
        if (bytes[i] !== CR) malformed = true;
        i++;
      }
      pos = i;
    } else {
      let i = pos;
      while (i < len) {
        const c = bytes[i];
        if (c === COMMA || c === LF) break;
        i++;
      }
      fStart = pos;
      fEnd = i > pos && bytes[i - 1] === CR ? i - 1 : i;
      pos = i;
    }
    if (pos >= len) return -1;
    const delim = bytes[pos];
    pos++;
    if (delim === LF) line++;
    return delim;
  };
  const interner = new Interner();
  const fieldText = (): string => (quotedText !== null ? quotedText : interner.get(bytes, fStart, fEnd));
  const fieldEmpty = (): boolean => {
    if (quotedText !== null) return quotedText.trim() === '';
    for (let i = fStart; i < fEnd; i++) if (bytes[i] !== SPACE && bytes[i] !== TAB) return false;
    return true;
  };
  const fieldNumber = (): number => {
    if (quotedText !== null) return parseDecimalString(quotedText);
    let s = fStart;
    let e = fEnd;
    while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
    while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
    return parseNumber(bytes, s, e);
  };

  // Header
  const header: string[] = [];
  if (pos < len) {
    for (;;) {
      const d = nextField();
      header.push(fieldText().trim().toLowerCase());
      if (d !== COMMA) break;
    }
  }
  const weightName = (options.weightColumn ?? 'weight').toLowerCase();
  const roleOf = (name: string): Role => {
    if (name === 'lat' || name === 'latitude') return Role.Lat;
    if (name === 'lon' || name === 'lng' || name === 'longitude') return Role.Lon;
    if (name === weightName) return Role.Weight;
    if (name === 'count') return Role.Count;
    if (name === 'category' || name === 'categories') return Role.Category;
    if (name === 'source') return Role.Source;
    if (name === 'time' || name === 'timeband' || name === 'time_band') return Role.Time;
    return Role.Ignore;
  };
  const roles = header.map(roleOf);
  const has = (r: Role) => roles.includes(r);
  const result = (n: number, rows: number, filtered: number, cols: { lat: Growable; lon: Growable; count: Growable | null; value: Growable | null }): SignalColumnsCsv => ({
    n,
    lat: cols.lat.data.subarray(0, n),
    lon: cols.lon.data.subarray(0, n),
    count: cols.count ? cols.count.data.subarray(0, n) : null,
    value: cols.value ? cols.value.data.subarray(0, n) : null,
    weightColumn: cols.value ? weightName : null,
    rows,
    filtered,
    errorCount,
    errors,
  });
  const empty = { lat: new Growable(0), lon: new Growable(0), count: null, value: null };
  if (!has(Role.Lat) || !has(Role.Lon)) {
    for (const f of ['lat', 'lon']) if (!has(f === 'lat' ? Role.Lat : Role.Lon)) fail(1, f, `missing column "${f}" in the header`);
    return result(0, 0, 0, empty);
  }
  if (options.weightColumn && !has(Role.Weight)) {
    fail(1, options.weightColumn, `weight column "${options.weightColumn}" not in the header`);
    return result(0, 0, 0, empty);
  }

  const categoryFilter = options.categories?.length ? new Set(options.categories) : null;
  const sourceFilter = options.sources?.length ? new Set(options.sources) : null;
  // A file without a source column holds residents' reports: kept unless the filter leaves residents out.
  const keepRowsWithoutSource = sourceFilter === null || sourceFilter.has('resident');
  const bandFilter = options.timeBands?.length ? new Set(options.timeBands) : null;
  const sourceOf = memo((t) => {
    const s = t.trim().toLowerCase();
    return SOURCES.has(s) ? s : null;
  });
  const bandOf = memo(timeBandOf);
  const categoryKept = memo((t) => categoryFilter === null || t.split(/[;|]/).some((c) => categoryFilter.has(c.trim())));
  const capacity = Math.max(16, Math.min(len >> 4, 1 << 24));
  const lat = new Growable(capacity);
  const lon = new Growable(capacity);
  const count = has(Role.Count) ? new Growable(capacity) : null;
  const value = has(Role.Weight) ? new Growable(capacity) : null;

  let n = 0;
  let rows = 0;
  let filtered = 0;
  while (pos < len) {
    const rowLine = line;
    let la = NaN;
    let lo = NaN;
    let w = 1;
    let k = 1;
    let bad = false;
    let keep = has(Role.Source) || keepRowsWithoutSource;
    let hasLat = false;
    let hasLon = false;
    let fields = 0;
    let blank = true;
    malformed = false;
    for (let f = 0; ; f++) {
      const d = nextField();
      fields++;
      const empty = fieldEmpty();
      if (!empty) blank = false;
      const role = f < roles.length ? roles[f] : Role.Ignore;
      if (role === Role.Lat || role === Role.Lon) {
        const v = empty ? NaN : fieldNumber();
        const name = role === Role.Lat ? 'lat' : 'lon';
        const limit = role === Role.Lat ? 90 : 180;
        if (role === Role.Lat) hasLat = !empty;
        else hasLon = !empty;
        if (!empty && !(Math.abs(v) <= limit)) {
          fail(rowLine, name, Number.isNaN(v) ? `"${fieldText().trim()}" is not a number` : `${v} is outside ±${limit}`);
          bad = true;
        }
        if (role === Role.Lat) la = v;
        else lo = v;
      } else if (role === Role.Weight) {
        if (!empty) {
          w = fieldNumber();
          if (!(w >= 0 && w < Infinity)) {
            fail(rowLine, weightName, `"${fieldText().trim()}" is not a non-negative number`);
            bad = true;
          }
        }
      } else if (role === Role.Count) {
        if (!empty) {
          k = fieldNumber();
          if (!(Number.isInteger(k) && k >= 0)) {
            fail(rowLine, 'count', `"${fieldText().trim()}" is not a non-negative integer`);
            bad = true;
          }
        }
      } else if (role === Role.Source) {
        if (!empty) {
          const s = sourceOf(fieldText());
          if (s === null) {
            fail(rowLine, 'source', `"${fieldText().trim()}" is not one of ${[...SOURCES].join(', ')}`);
            bad = true;
          } else if (sourceFilter && !sourceFilter.has(s)) keep = false;
          // An empty source is a resident report (sources.ts), as a row of a file with no source column.
        } else if (sourceFilter && !sourceFilter.has('resident')) keep = false;
      } else if (role === Role.Time) {
        if (!empty) {
          const band = bandOf(fieldText());
          if (band === null) {
            fail(rowLine, 'time', `"${fieldText().trim()}" is neither a time band (${[...BANDS].join(', ')}) nor HH:MM`);
            bad = true;
          } else if (bandFilter && !bandFilter.has(band)) keep = false;
        } else if (bandFilter) keep = false;
      } else if (role === Role.Category) {
        if (categoryFilter && (empty || !categoryKept(fieldText()))) keep = false;
      }
      if (d !== COMMA) break;
    }
    if (blank && fields === 1) continue; // an empty line is not a row
    rows++;
    if (malformed) {
      fail(rowLine, '', 'malformed quoted field');
      bad = true;
    }
    if (!hasLat) {
      fail(rowLine, 'lat', 'missing');
      bad = true;
    }
    if (!hasLon) {
      fail(rowLine, 'lon', 'missing');
      bad = true;
    }
    if (bad) continue;
    if (!keep) {
      filtered++;
      continue;
    }
    lat.set(n, la);
    lon.set(n, lo);
    if (count) count.set(n, k);
    if (value) value.set(n, k * w);
    n++;
  }
  return result(n, rows, filtered, { lat, lon, count, value });
}
