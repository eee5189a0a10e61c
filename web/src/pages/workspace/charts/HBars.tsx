// Horizontal bars with their label and figure: one bar per row, or stacked segments (e.g.
// submitted / draft / not started). Plain SVG, scales with its container, prints crisply.
export type Segment = { value: number; colour: string; label: string };
export type BarRow = { id: string; label: string; value: number; figure: string; colour?: string; segments?: Segment[] };

const ROW = 26;
const LABEL_W = 200;
const FIG_W = 70;
const W = 600;

export function HBars({ rows, max, title }: { rows: BarRow[]; max?: number; title: string }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const barW = W - LABEL_W - FIG_W - 8;
  const h = rows.length * ROW + 4;
  return (
    <svg className="chart hbars" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
      {rows.map((r, i) => {
        const y = i * ROW + 2;
        let x = LABEL_W;
        return (
          <g key={r.id}>
            <title>{`${r.label}: ${r.figure}`}</title>
            <text x={LABEL_W - 6} y={y + ROW / 2 + 4} textAnchor="end" className="label">{r.label.length > 32 ? `${r.label.slice(0, 31)}…` : r.label}</text>
            <rect x={LABEL_W} y={y + 4} width={barW} height={ROW - 8} className="track" />
            {(r.segments ?? [{ value: r.value, colour: r.colour ?? 'var(--brand)', label: r.label }]).map((s, j) => {
              const w = (Math.max(0, s.value) / top) * barW;
              const rect = <rect key={j} x={x} y={y + 4} width={w} height={ROW - 8} fill={s.colour}><title>{`${s.label}: ${s.value}`}</title></rect>;
              x += w;
              return rect;
            })}
            <text x={W - FIG_W + 4} y={y + ROW / 2 + 4} className="figure">{r.figure}</text>
          </g>
        );
      })}
    </svg>
  );
}
