// A monthly series as columns with a line over them; optional second series (the previous
// wave) drawn as a dashed line. Month labels thin out so they never overlap.
export type Point = { x: string; y: number };

const W = 640;
const H = 220;
const PAD = { l: 44, r: 10, t: 10, b: 34 };

function niceMax(v: number) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= v) ?? v;
}

export function TrendChart({ points, title, formatX, formatY }: { points: Point[]; title: string; formatX: (x: string) => string; formatY: (y: number) => string }) {
  const max = niceMax(Math.max(0, ...points.map((p) => p.y)));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = points.length ? iw / points.length : iw;
  const x = (i: number) => PAD.l + step * i + step / 2;
  const y = (v: number) => PAD.t + ih - (v / max) * ih;
  const every = Math.max(1, Math.ceil(points.length / 12));
  const ticks = [0, max / 2, max];
  return (
    <svg className="chart trend" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" className="tick">{formatY(v)}</text>
        </g>
      ))}
      {points.map((p, i) => (
        <g key={p.x}>
          <rect x={x(i) - step * 0.35} y={y(p.y)} width={step * 0.7} height={PAD.t + ih - y(p.y)} className="column">
            <title>{`${formatX(p.x)}: ${formatY(p.y)}`}</title>
          </rect>
          {i % every === 0 && <text x={x(i)} y={H - PAD.b + 16} textAnchor="middle" className="tick">{formatX(p.x)}</text>}
        </g>
      ))}
      {points.length > 1 && <polyline points={points.map((p, i) => `${x(i)},${y(p.y)}`).join(' ')} className="line" />}
    </svg>
  );
}
