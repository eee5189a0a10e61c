// Ex-ante / ex-post: change per zone, category and dimension against the previous wave, and the
// progress of the pact's objectives from baseline towards target. The figures and the decision
// (`change`, at q <= 0.05 within each table) come from analysis/compare.ts, as in the API and CLI.
import { useTranslation } from 'react-i18next';
import { useFormat, useLabels } from '../labels';
import { Link } from '../router';
import type { CompareAnalysis, StrengthsAnalysis } from './analysisTypes';
import { SourcesNote } from './TimePanels';
import { TableWrap } from '../TableWrap';

type Compared = Extract<CompareAnalysis, { zones: unknown }>;
type Row = Compared['zones'][number] | Compared['categories'][number];
type Window = Compared['method']['exposure']['before'];

/** q (or p) as read by a person: three decimals, "< 0.001" below. */
function useQ() {
  const { i18n } = useTranslation();
  const n3 = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3, minimumFractionDigits: 3 });
  return (q: number | null) => (q === null ? '—' : q < 0.001 ? `< ${n3.format(0.001)}` : n3.format(q));
}

function Verdict({ row }: { row: { status: string; change: string; reason?: string } }) {
  const { t } = useTranslation();
  if (row.status === 'no-overlap') return <span className="muted">{t('workspace.compare.noOverlap')}</span>;
  // The reason (English, from the method) as a tooltip for the analyst who wants the detail.
  if (row.status === 'insufficient') return <span className="muted" title={row.reason}>{t('workspace.compare.insufficient')}</span>;
  if (row.change === 'none') return <>{t('workspace.compare.noChange')}</>;
  return <strong>{t(`workspace.compare.${row.change}`)}</strong>;
}

/** Changed rows first (by q), then the other tested rows, then those not tested. */
const order = (a: Row, b: Row) => {
  const rank = (r: Row) => (r.change !== 'none' ? 0 : r.status === 'tested' ? 1 : 2);
  return rank(a) - rank(b) || (a.q ?? 2) - (b.q ?? 2);
};

function RateRows({ rows, label }: { rows: (Row & { key: string })[]; label: (key: string) => string }) {
  const f = useFormat();
  const q = useQ();
  return (
    <tbody>
      {[...rows].sort(order).map((r) => (
        <tr key={r.key}>
          <td>{label(r.key)}</td>
          <td className="num">{f.int(r.before.count)} <small>({f.two(r.before.rate)})</small></td>
          <td className="num">{f.int(r.after.count)} <small>({f.two(r.after.rate)})</small></td>
          <td className="num">{r.rateRatio === null ? '—' : `×${f.two(r.rateRatio)}`}</td>
          <td className="num">{f.pct(r.before.share)} → {f.pct(r.after.share)}</td>
          <td className="num">{q(r.q)}</td>
          <td><Verdict row={r} /></td>
        </tr>
      ))}
    </tbody>
  );
}

function WindowNote({ data }: { data: Compared }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const span = (w: Window) => (w.from && w.to ? `${day.format(new Date(w.from))} – ${day.format(new Date(w.to))}` : '—');
  const { before, after, overlap } = data.method.exposure;
  return (
    <>
      <p className="method-note">
        {t('workspace.compare.windows', { before: span(before), beforeDays: f.int(before.days), after: span(after), afterDays: f.int(after.days) })}
      </p>
      {!overlap && <p className="muted">{t('workspace.compare.noOverlapNote')}</p>}
      {before.outsidePeriod > 0 && <p className="muted">{t('workspace.compare.outsideBefore', { count: before.outsidePeriod })}</p>}
      {after.outsidePeriod > 0 && <p className="muted">{t('workspace.compare.outsideAfter', { count: after.outsidePeriod })}</p>}
    </>
  );
}

export function WaveComparison({ data, dimensionLabels }: { data: CompareAnalysis; dimensionLabels?: StrengthsAnalysis['dimensionLabels'] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const q = useQ();
  if (!('zones' in data) || !data.previous) return <p className="muted">{t('workspace.compare.none')}</p>;
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">{t('workspace.compare.before')}</th>
        <th className="num">{t('workspace.compare.after')}</th>
        <th className="num">{t('workspace.compare.ratio')}</th>
        <th className="num">{t('workspace.compare.share')}</th>
        <th className="num">q</th>
        <th>{t('workspace.compare.test')}</th>
      </tr>
    </thead>
  );
  const zoneName = new Map(data.zones.map((z) => [z.zoneId, z.name ?? z.zoneId]));
  const dimLabel = (id: string) => labels.text((dimensionLabels as Record<string, { it: string; en: string }> | undefined)?.[id], id);
  const phi = data.method.dispersion.zones.phi;
  return (
    <>
      <p>
        {t('workspace.compare.against')} <Link href={`/app/${data.previous.slug}`}>{data.previous.title}</Link> ({t(data.method.zoneRateUnit === 'events per 30 days' ? 'workspace.compare.perMonth' : 'workspace.compare.perResidentMonth')})
      </p>
      <WindowNote data={data} />
      <SourcesNote sources={data.method.sources} />
      <TableWrap label={`${t('workspace.dash.compare')} · ${t('workspace.dash.zone')}`}>
        <table className="ws-table">
          {head(t('workspace.dash.zone'))}
          <RateRows rows={data.zones.map((z) => ({ ...z, key: z.zoneId }))} label={(k) => zoneName.get(k) ?? k} />
        </table>
      </TableWrap>
      <p className="method-note">
        {t('workspace.compare.territory', { before: f.int(data.territory.before), after: f.int(data.territory.after), ratio: data.territory.rateRatio === null ? '—' : f.two(data.territory.rateRatio) })}
      </p>
      <TableWrap label={`${t('workspace.dash.compare')} · ${t('workspace.dash.category')}`}>
        <table className="ws-table">
          {head(t('workspace.dash.category'))}
          <RateRows rows={data.categories.map((c) => ({ ...c, key: c.category }))} label={labels.category} />
        </table>
      </TableWrap>
      <p className="method-note">{t('workspace.compare.methodNote', { phi: phi === null ? '—' : f.two(phi) })}</p>
      {data.dimensions.length > 0 && (
        <>
          <TableWrap label={`${t('workspace.dash.compare')} · ${t('workspace.dash.dimension')}`}>
            <table className="ws-table">
              <thead>
                <tr>
                  <th>{t('workspace.dash.dimension')}</th>
                  <th className="num">{t('workspace.compare.before')}</th>
                  <th className="num">{t('workspace.compare.after')}</th>
                  <th className="num">Δ</th>
                  <th>{t('workspace.compare.dimensionTest')}</th>
                  <th className="num">q</th>
                  <th>{t('workspace.compare.test')}</th>
                </tr>
              </thead>
              <tbody>
                {data.dimensions.map((d) => (
                  <tr key={d.dimension}>
                    <td>{dimLabel(d.dimension)}</td>
                    <td className="num">{f.int(d.before.mean)} <small>(n={d.before.n})</small></td>
                    <td className="num">{f.int(d.after.mean)} <small>(n={d.after.n})</small></td>
                    <td className="num">{f.one(d.estimate ?? d.difference)}</td>
                    <td>{d.test === 'paired t' ? t('workspace.compare.paired', { pairs: d.pairs }) : d.test === 'Welch t' ? t('workspace.compare.welch') : '—'}</td>
                    <td className="num">{q(d.q)}</td>
                    <td><Verdict row={d} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="method-note">{t('workspace.compare.dimensionNote', { min: data.method.minPairs })}</p>
        </>
      )}
    </>
  );
}

export function Objectives({ data }: { data: CompareAnalysis }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!data.objectives.length) return <p className="muted">{t('workspace.objectives.none')}</p>;
  return (
    <ul className="objectives">
      {data.objectives.map((o, i) => {
        // The comparison with a previous wave reports objectives without their unit.
        const unit = 'unit' in o ? o.unit : '';
        return (
        <li key={o.id ?? i}>
          <div className="objective-head">
            <span>{o.name}</span>
            <span className={`badge status-${o.status}`}>{t(`workspace.objectives.status.${o.status}`)}</span>
          </div>
          <span className="meter progress" aria-hidden="true"><span style={{ width: `${(o.clipped ?? 0) * 100}%` }} /></span>
          <small className="muted">
            {t('workspace.objectives.figures', { baseline: `${f.one(o.baseline)}${unit}`, target: `${f.one(o.target)}${unit}`, measured: o.measured === null ? '—' : `${f.one(o.measured)}${unit}`, share: f.pct(o.share) })}
          </small>
        </li>
        );
      })}
    </ul>
  );
}
