// Command line for analysts working on CSV exports, outside the web app:
//   npm run analysis -- hotspots --in signals.csv --out hotspots.geojson [options]
//   npm run analysis -- compare --before before.csv --after after.csv --by zone|category (cli-compare.ts)
// The only file in analysis/ that does I/O. Exit codes: 0 done (bad rows, if any, are listed on
// stderr with their line numbers and skipped); 1 no row left to analyse (all bad, empty, or all
// filtered out); 2 usage error or unreadable input.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PolygonGeometry } from './geometry';
import type { LatLonBounds } from './grid';
import { hotspotsFromColumns, type HotspotResult, type PublicHotspotResult } from './hotspots';
import { hotspotsToGeoJSON } from './hotspots-geojson';
import { parseSignalCsv } from './signal-csv';
import { COMPARE_USAGE, compareMain } from './cli-compare';

export const USAGE = `Usage: npm run analysis -- hotspots --in signals.csv [--out hotspots.geojson]
  CSV columns: lat, lon; optional weight, count, category, source, time (band or HH:MM)
  --extent minLon,minLat,maxLon,maxLat   the study area (default: the data's bounding box)
  --territory FILE  GeoJSON (Polygon/MultiPolygon features): the study area; cells whose centre
                    is outside it are not analysed
  --cell M          cell side in metres (default: ~2,500 cells over the study area)
  --band M          distance band in metres (default: 1.5 × cell, the 8 touching cells)
  --weight COLUMN   sum this column instead of counting signals (default: "weight" if present)
  --category a,b    keep signals with any of these categories (also --time)
  --source a,b      sources to read (default: resident only; police and media are other series)
  --public [--k N] [--base B]  counts rounded to B (default 5) and hidden below N (default 5)
                    before the test; cells carry their class only
  --stats           print timings and peak memory (JSON) on stderr
  --out -           write to stdout (the default when --out is missing)`;

const MAX_PRINTED_ERRORS = 100;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

interface Args {
  command: string;
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['in', 'out', 'cell', 'band', 'weight', 'category', 'source', 'time', 'k', 'base', 'extent', 'territory']);
const BOOLEAN_FLAGS = new Set(['public', 'stats', 'help']);

function parseArgs(argv: string[]): Args | string {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) return `unexpected argument "${a}"`;
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const v = inline ?? rest[++i];
      if (v === undefined) return `--${name} needs a value`;
      flags.set(name, v);
    } else return `unknown option --${name}`;
  }
  return { command, flags };
}

const list = (v: string | true | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function positive(flags: Map<string, string | true>, name: string): number | undefined | string {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return n > 0 && Number.isFinite(n) ? n : `--${name} must be a positive number of metres, got "${v}"`;
}

/** --extent minLon,minLat,maxLon,maxLat, or a message. */
function extentOf(v: string | true | undefined): LatLonBounds | undefined | string {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' ? v.split(',').map(Number) : [];
  const [minLon, minLat, maxLon, maxLat] = n;
  if (n.length !== 4 || !n.every(Number.isFinite) || !(minLon < maxLon && minLat < maxLat) || Math.abs(minLat) > 90 || Math.abs(maxLat) > 90 || Math.abs(minLon) > 180 || Math.abs(maxLon) > 180)
    return `--extent must be minLon,minLat,maxLon,maxLat, got "${v}"`;
  return { minLon, minLat, maxLon, maxLat };
}

/** The Polygon/MultiPolygon geometries of a GeoJSON file (a geometry, a Feature or a FeatureCollection). */
function territoryOf(v: string | true | undefined): PolygonGeometry[] | undefined | string {
  if (typeof v !== 'string') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(v, 'utf8'));
  } catch (e) {
    return `cannot read --territory ${v}: ${(e as Error).message}`;
  }
  const out: PolygonGeometry[] = [];
  const visit = (g: unknown): void => {
    const o = g as { type?: string; features?: unknown[]; geometry?: unknown; geometries?: unknown[]; coordinates?: unknown };
    if (!o || typeof o !== 'object') return;
    if (o.type === 'FeatureCollection') o.features?.forEach(visit);
    else if (o.type === 'Feature') visit(o.geometry);
    else if (o.type === 'GeometryCollection') o.geometries?.forEach(visit);
    else if ((o.type === 'Polygon' || o.type === 'MultiPolygon') && Array.isArray(o.coordinates)) out.push(o as PolygonGeometry);
  };
  visit(doc);
  return out.length ? out : `--territory ${v} has no Polygon or MultiPolygon`;
}

/** Writes the collection feature by feature, so a large grid never becomes one giant string. */
function writeGeoJSON(result: HotspotResult | PublicHotspotResult, out: string | undefined, io: CliIO): void {
  const fc = hotspotsToGeoJSON(result);
  const head = `{"type":"FeatureCollection","method":${JSON.stringify(fc.method)},"features":[`;
  if (out === undefined || out === '-') {
    io.stdout(head + fc.features.map((f) => JSON.stringify(f)).join(',') + ']}\n');
    return;
  }
  const fd = openSync(out, 'w');
  try {
    let chunk = head;
    for (let i = 0; i < fc.features.length; i++) {
      chunk += (i ? ',' : '') + JSON.stringify(fc.features[i]);
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk + ']}\n');
  } finally {
    closeSync(fd);
  }
}

export function main(argv: string[], io: CliIO = defaultIO): number {
  if (argv[0] === 'compare') return compareMain(argv.slice(1), io);
  const t0 = performance.now();
  const args = parseArgs(argv);
  if (typeof args === 'string' || args.flags.has('help') || args.command !== 'hotspots') {
    const problem = typeof args === 'string' ? args : args.flags.has('help') ? '' : args.command ? `unknown command "${args.command}"` : 'missing command';
    io.stderr((problem ? `analysis: ${problem}\n` : '') + USAGE + '\n' + COMPARE_USAGE + '\n');
    return problem ? 2 : 0;
  }
  const { flags } = args;
  const input = flags.get('in');
  if (typeof input !== 'string') {
    io.stderr(`analysis: --in is required\n${USAGE}\n`);
    return 2;
  }
  const cellMeters = positive(flags, 'cell');
  const bandMeters = positive(flags, 'band');
  const k = flags.has('k') ? Number(flags.get('k')) : undefined;
  const base = flags.has('base') ? Number(flags.get('base')) : undefined;
  const bounds = extentOf(flags.get('extent'));
  const territory = territoryOf(flags.get('territory'));
  for (const problem of [cellMeters, bandMeters, bounds, territory]) {
    if (typeof problem === 'string') {
      io.stderr(`analysis: ${problem}\n`);
      return 2;
    }
  }
  for (const [name, v] of [['k', k], ['base', base]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      io.stderr(`analysis: --${name} must be a positive integer\n`);
      return 2;
    }
  }
  // Residents only unless sources are named (analysis/sources.ts).
  const sources = list(flags.get('source')) ?? ['resident'];

  let bytes: Buffer;
  try {
    bytes = readFileSync(input);
  } catch (e) {
    io.stderr(`analysis: cannot read ${input}: ${(e as Error).message}\n`);
    return 2;
  }
  const tRead = performance.now();
  const weight = flags.get('weight');
  const parsed = parseSignalCsv(bytes, {
    weightColumn: typeof weight === 'string' ? weight : undefined,
    categories: list(flags.get('category')),
    sources,
    timeBands: list(flags.get('time')),
  });
  const tParse = performance.now();
  for (const e of parsed.errors.slice(0, MAX_PRINTED_ERRORS)) io.stderr(`${input}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}\n`);
  if (parsed.errorCount > MAX_PRINTED_ERRORS) io.stderr(`${input}: … and ${parsed.errorCount - MAX_PRINTED_ERRORS} more bad rows\n`);
  if (parsed.n === 0) {
    io.stderr(`analysis: no usable rows in ${input} (${parsed.rows} rows, ${parsed.errorCount} bad, ${parsed.filtered} filtered out)\n`);
    return 1;
  }

  let result: HotspotResult | PublicHotspotResult;
  try {
    result = hotspotsFromColumns(parsed, {
      cellMeters: cellMeters as number | undefined,
      bandMeters: bandMeters as number | undefined,
      territory: territory as PolygonGeometry[] | undefined,
      bounds: bounds as LatLonBounds | undefined,
      valueName: parsed.weightColumn ? `sum of column "${parsed.weightColumn}"` : 'count',
      sources: [...new Set(sources)].sort() as HotspotResult['method']['sources'],
      public: flags.has('public'),
      k,
      base,
    });
  } catch (e) {
    io.stderr(`analysis: ${(e as Error).message}\n`);
    return 2;
  }
  const tHot = performance.now();
  const out = flags.get('out');
  writeGeoJSON(result, typeof out === 'string' ? out : undefined, io);
  const tWrite = performance.now();

  const s = result.summary;
  io.stderr(
    `hotspots: ${parsed.rows} rows, ${parsed.n} used, ${parsed.errorCount} bad, ${parsed.filtered} filtered out; ` +
      `${s.cells} cells of ${result.method.cellMeters} m analysed (extent: ${result.method.extent}), band ${result.method.bandMeters} m; ` +
      `hot ${s['hot-99']}/${s['hot-95']}/${s['hot-90']}, cold ${s['cold-99']}/${s['cold-95']}/${s['cold-90']} (99/95/90)` +
      (result.method.privacy ? `; public: counts rounded to ${result.method.privacy.base}, hidden below k=${result.method.privacy.k}, classes only` : '') +
      '\n',
  );
  if (result.method.note) io.stderr(`analysis: ${result.method.note}\n`);
  if (flags.has('stats')) {
    const r = (v: number) => Math.round(v * 10) / 10;
    const stats = {
      rows: parsed.rows,
      cells: s.cells,
      ms: { read: r(tRead - t0), parse: r(tParse - tRead), hotspots: r(tHot - tParse), write: r(tWrite - tHot), total: r(tWrite - t0) },
      maxRssMiB: r(process.resourceUsage().maxRSS / 1024),
    };
    io.stderr(`stats ${JSON.stringify(stats)}\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
