// Priorities proposed for the pact, read off the diagnosis's figures. They are a starting point
// for the table of partners, not a verdict: each one names the evidence it comes from.
import type { CompareAnalysis, PerceptionGap, StrengthsAnalysis, TimeAnalysis, ZonesAnalysis } from '../dashboard/analysisTypes';

export type Priority = { key: string; values: Record<string, string> };

const list = (xs: string[]) => xs.join(', ');

export function proposePriorities(
  d: { zones?: ZonesAnalysis; gap?: PerceptionGap; time?: TimeAnalysis; strengths?: StrengthsAnalysis; compare?: CompareAnalysis },
  name: { category: (id: string) => string; band: (id: string) => string; dimension: (id: string) => string },
): Priority[] {
  const out: Priority[] = [];
  // A rank resting on fewer than the documented number of residents' reports is not a priority;
  // each named zone carries its 90 % rank interval, so nobody reads "3rd" as more than it is.
  const top = [...(d.zones?.zones ?? [])].filter((z) => !z.fewReports).sort((a, b) => a.rank - b.rank).slice(0, 3);
  const withInterval = (z: (typeof top)[number]) =>
    z.rankInterval && z.rankInterval.lower !== z.rankInterval.upper ? `${z.name} (${z.rankInterval.lower}–${z.rankInterval.upper})` : z.name;
  if (top.length) out.push({ key: 'zones', values: { zones: list(top.map(withInterval)) } });

  const cats = [...(d.time?.categories ?? [])].sort((a, b) => b.count - a.count).slice(0, 3);
  if (cats.length) out.push({ key: 'categories', values: { categories: list(cats.map((c) => name.category(c.category))) } });

  const bands = (d.time?.table ?? []).filter((r) => r.band !== 'unknown').sort((a, b) => b.total - a.total);
  if (bands[0]?.total) {
    const weekend = bands[0].weekend > bands[0].weekday;
    out.push({ key: weekend ? 'bandWeekend' : 'band', values: { band: name.band(bands[0].band) } });
  }

  const fear = (d.gap?.zones ?? []).filter((z) => z.quadrant === 'fear-above-risk').sort((a, b) => b.gap - a.gap).slice(0, 3);
  if (fear.length) out.push({ key: 'fear', values: { zones: list(fear.map((z) => z.name ?? z.zoneId)) } });
  const risk = (d.gap?.zones ?? []).filter((z) => z.quadrant === 'risk-above-fear').sort((a, b) => a.gap - b.gap).slice(0, 3);
  if (risk.length) out.push({ key: 'risk', values: { zones: list(risk.map((z) => z.name ?? z.zoneId)) } });

  const dims = d.strengths?.institutions.dimensions ?? [];
  const weak = dims.filter((x) => x.class === 'weakness');
  if (weak.length) out.push({ key: 'weak', values: { dimensions: list(weak.map((x) => name.dimension(x.dimension))) } });
  const contested = dims.filter((x) => x.class === 'contested');
  if (contested.length) out.push({ key: 'contested', values: { dimensions: list(contested.map((x) => name.dimension(x.dimension))) } });
  // Without a clear weakness, the lowest-scored dimensions are still where capacity is thinnest.
  if (!weak.length && dims.length) {
    const lowest = [...dims].filter((x) => x.mean !== null).sort((a, b) => a.mean - b.mean).slice(0, 2);
    if (lowest.length) out.push({ key: 'lowest', values: { dimensions: list(lowest.map((x) => name.dimension(x.dimension))) } });
  }

  const lagging = (d.compare?.objectives ?? []).filter((o) => o.status === 'regressed' || o.status === 'no-change' || o.status === 'not-measured');
  if (lagging.length) out.push({ key: 'objectives', values: { objectives: list(lagging.map((o) => o.name ?? '')) } });
  return out;
}
