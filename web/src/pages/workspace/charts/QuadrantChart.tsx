// The perception-gap quadrant chart: recorded insecurity (x) against perceived insecurity (y),
// both as percentile ranks across zones, split at the median. Dots are zones; the most extreme
// gaps carry their name, every dot has a tooltip, a click selects the zone.
export type QuadrantPoint = { id: string; label: string; x: number; y: number; quadrant: string; tooltip: string };

const S = 420;
const PAD = 44;

export function QuadrantChart({ points, title, axisX, axisY, quadrantLabels, selected, onSelect, labelled = 6 }: {
  points: QuadrantPoint[];
  title: string;
  axisX: string;
  axisY: string;
  quadrantLabels: Record<'fear-above-risk' | 'risk-above-fear' | 'both-high' | 'both-low', string>;
  selected?: string | null;
  onSelect?: (id: string) => void;
  labelled?: number;
}) {
  const inner = S - 2 * PAD;
  const px = (v: number) => PAD + v * inner;
  const py = (v: number) => S - PAD - v * inner;
  const named = new Set([...points].sort((a, b) => Math.abs(b.y - b.x) - Math.abs(a.y - a.x)).slice(0, labelled).map((p) => p.id));
  if (selected) named.add(selected);
  return (
    <svg className="chart quadrant" viewBox={`0 0 ${S} ${S}`} role="img" aria-label={title}>
      <rect x={px(0)} y={py(1)} width={inner / 2} height={inner / 2} className="q q-fear-above-risk" />
      <rect x={px(0.5)} y={py(1)} width={inner / 2} height={inner / 2} className="q q-both-high" />
      <rect x={px(0)} y={py(0.5)} width={inner / 2} height={inner / 2} className="q q-both-low" />
      <rect x={px(0.5)} y={py(0.5)} width={inner / 2} height={inner / 2} className="q q-risk-above-fear" />
      <text x={px(0.02)} y={py(0.97)} className="qlabel">{quadrantLabels['fear-above-risk']}</text>
      <text x={px(0.98)} y={py(0.97)} textAnchor="end" className="qlabel">{quadrantLabels['both-high']}</text>
      <text x={px(0.02)} y={py(0.03)} className="qlabel">{quadrantLabels['both-low']}</text>
      <text x={px(0.98)} y={py(0.03)} textAnchor="end" className="qlabel">{quadrantLabels['risk-above-fear']}</text>
      <line x1={px(0)} x2={px(1)} y1={py(0)} y2={py(0)} className="axis" />
      <line x1={px(0)} x2={px(0)} y1={py(0)} y2={py(1)} className="axis" />
      <line x1={px(0)} x2={px(1)} y1={py(0)} y2={py(1)} className="diagonal" />
      <text x={S / 2} y={S - 8} textAnchor="middle" className="axis-title">{axisX}</text>
      <text x={12} y={S / 2} textAnchor="middle" transform={`rotate(-90 12 ${S / 2})`} className="axis-title">{axisY}</text>
      {points.map((p) => (
        <g key={p.id} className={`dot dot-${p.quadrant}${p.id === selected ? ' selected' : ''}`} onClick={() => onSelect?.(p.id)}>
          <title>{p.tooltip}</title>
          <circle cx={px(p.x)} cy={py(p.y)} r={p.id === selected ? 7 : 5} />
          {named.has(p.id) && (
            // Labels of dots on the right run leftwards so they stay inside the chart.
            <text x={px(p.x) + (p.x > 0.6 ? -8 : 8)} y={py(p.y) + 4} textAnchor={p.x > 0.6 ? 'end' : 'start'} className="dot-label">{p.label}</text>
          )}
        </g>
      ))}
    </svg>
  );
}
